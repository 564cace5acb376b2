import pytest

from app import create_app, db


@pytest.fixture()
def client():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        yield app.test_client()


def token(client):
    client.post("/auth/register", json={"email": "ana@example.com", "password": "s3cure-pass"})
    res = client.post("/auth/login", json={"email": "ana@example.com", "password": "s3cure-pass"})
    return {"Authorization": f"Bearer {res.get_json()['access_token']}"}


def test_recipes_need_a_token(client):
    assert client.get("/api/recipes").status_code == 401


def test_create_recipe_with_ingredient(client):
    headers = token(client)
    recipe = client.post("/api/recipes", json={"title": "Pancakes", "instructions": "Mix, fry."}, headers=headers)
    assert recipe.status_code == 201
    added = client.post(f"/api/recipes/{recipe.get_json()['id']}/ingredients", json={"name": "flour"}, headers=headers)
    assert added.status_code == 201


def test_invalid_recipe_is_400(client):
    assert client.post("/api/recipes", json={}, headers=token(client)).status_code == 400
