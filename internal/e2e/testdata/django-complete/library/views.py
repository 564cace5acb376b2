from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, permissions, serializers, viewsets

from library.models import Book, Review, Shelf


class RegisterSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, min_length=8)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "password"]

    def create(self, validated_data):
        return get_user_model().objects.create_user(**validated_data)


class ShelfSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shelf
        fields = ["id", "name", "created_at"]


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "shelf", "title", "author", "isbn", "finished"]

    def validate_shelf(self, shelf):
        if shelf.owner != self.context["request"].user:
            raise serializers.ValidationError("Not your shelf.")
        return shelf


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["id", "book", "rating", "body", "created_at"]


@extend_schema(summary="Create an account", responses={201: RegisterSerializer, 400: None})
class RegisterView(generics.CreateAPIView):
    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]


@extend_schema_view(
    list=extend_schema(summary="List my shelves"),
    create=extend_schema(summary="Create a shelf", responses={201: ShelfSerializer, 400: None}),
    retrieve=extend_schema(summary="Get a shelf", responses={200: ShelfSerializer, 404: None}),
    destroy=extend_schema(summary="Delete a shelf", responses={204: None, 404: None}),
)
class ShelfViewSet(viewsets.ModelViewSet):
    serializer_class = ShelfSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Shelf.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List my books"),
    create=extend_schema(summary="Create a book", responses={201: BookSerializer, 400: None}),
    retrieve=extend_schema(summary="Get a book", responses={200: BookSerializer, 404: None}),
    destroy=extend_schema(summary="Delete a book", responses={204: None, 404: None}),
)
class BookViewSet(viewsets.ModelViewSet):
    serializer_class = BookSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Book.objects.filter(shelf__owner=self.request.user).select_related("shelf")


@extend_schema_view(
    list=extend_schema(summary="List my reviews"),
    create=extend_schema(summary="Create a review", responses={201: ReviewSerializer, 400: None}),
    retrieve=extend_schema(summary="Get a review", responses={200: ReviewSerializer, 404: None}),
    destroy=extend_schema(summary="Delete a review", responses={204: None, 404: None}),
)
class ReviewViewSet(viewsets.ModelViewSet):
    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Review.objects.filter(author=self.request.user)

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)
