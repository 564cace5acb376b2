from django.http import JsonResponse
from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.schemas import get_schema_view

from books.views import BookViewSet

router = DefaultRouter()
router.register("books", BookViewSet)


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/", include(router.urls)),
    path("schema/", get_schema_view(title="Bookshelf", version="1.0.0")),
    path("status/", health),
]
