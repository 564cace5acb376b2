from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_notes_need_a_token():
    assert client.get("/api/v1/notes").status_code == 401


def test_health():
    assert client.get("/health").json() == {"status": "ok"}
