from django.contrib.auth import get_user_model
from rest_framework.test import APITestCase


class ShelfApiTests(APITestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("ana", "ana@example.com", "s3cure-pass")

    def test_requires_authentication(self):
        self.assertEqual(self.client.get("/api/shelves/").status_code, 401)

    def test_create_and_list_shelves(self):
        self.client.force_authenticate(self.user)
        created = self.client.post("/api/shelves/", {"name": "To read"}, format="json")
        self.assertEqual(created.status_code, 201)
        listed = self.client.get("/api/shelves/")
        self.assertEqual([s["name"] for s in listed.data["results"]], ["To read"])

    def test_review_rating_is_validated(self):
        self.client.force_authenticate(self.user)
        shelf = self.client.post("/api/shelves/", {"name": "Done"}, format="json").data
        book = self.client.post("/api/books/", {"shelf": shelf["id"], "title": "Dune", "author": "Herbert"}, format="json").data
        res = self.client.post("/api/reviews/", {"book": book["id"], "rating": 9}, format="json")
        self.assertEqual(res.status_code, 400)
