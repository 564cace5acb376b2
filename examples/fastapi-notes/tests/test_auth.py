from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_register_then_login():
    r = client.post("/auth/register", json={"email": "ada@example.com", "password": "correct horse"})
    assert r.status_code == 201
    r = client.post("/auth/token", data={"username": "ada@example.com", "password": "correct horse"})
    assert r.status_code == 200
    assert r.json()["token_type"] == "bearer"


def test_wrong_password_is_401():
    r = client.post("/auth/token", data={"username": "ada@example.com", "password": "nope"})
    assert r.status_code == 401
