import logging
import time

from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("bookshelf.requests")


class RequestLogMiddleware:
    """Logs one line per request: method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.monotonic()
        response = self.get_response(request)
        logger.info("%s %s %s %.0fms", request.method, request.path, response.status_code, (time.monotonic() - start) * 1000)
        return response


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled error", exc_info=exc)
        return Response({"error": "internal_error", "detail": "Something went wrong."}, status=500)
    response.data = {"error": getattr(exc, "default_code", "error"), "detail": response.data}
    return response
