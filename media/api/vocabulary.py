"""The creator's vocabulary: their own words, given to the recognizer with every transcription."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import request_user
from ecg.errors import ErrorSerializer
from media import selectors
from media.transcription import services, vocabulary


class VocabularyInput(serializers.Serializer):
    terms = serializers.JSONField(
        help_text=f"A list of terms, or one string of comma-separated terms: at most "
        f"{vocabulary.MAX_TERMS}, each at most {vocabulary.MAX_TERM_LENGTH} characters."
    )


class VocabularyOutput(serializers.Serializer):
    terms = serializers.ListField(child=serializers.CharField())
    max_terms = serializers.IntegerField()
    max_length = serializers.IntegerField()


def _body(terms: list[str]) -> dict[str, object]:
    return {
        "terms": terms,
        "max_terms": vocabulary.MAX_TERMS,
        "max_length": vocabulary.MAX_TERM_LENGTH,
    }


class VocabularyApi(APIView):
    @extend_schema(responses={200: VocabularyOutput})
    def get(self, request: Request) -> Response:
        return Response(_body(selectors.vocabulary_terms(owner=request_user(request))))

    @extend_schema(request=VocabularyInput, responses={200: VocabularyOutput, 400: ErrorSerializer})
    def put(self, request: Request) -> Response:
        data = VocabularyInput(data=request.data)
        data.is_valid(raise_exception=True)
        terms = services.vocabulary_set(
            owner=request_user(request), terms=data.validated_data["terms"]
        )
        return Response(_body(terms))
