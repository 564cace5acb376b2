from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def register_and_login(email="ana@example.com", password="s3cure-pass"):
    client.post("/auth/register", json={"email": email, "password": password})
    res = client.post("/auth/token", data={"username": email, "password": password})
    return {"Authorization": f"Bearer {res.json()['access_token']}"}


def test_health():
    assert client.get("/health").json() == {"status": "ok"}


def test_projects_require_a_token():
    assert client.get("/projects").status_code == 401


def test_create_and_list_projects():
    headers = register_and_login()
    created = client.post("/projects", json={"name": "Launch"}, headers=headers)
    assert created.status_code == 201
    listed = client.get("/projects?limit=10", headers=headers)
    assert [p["name"] for p in listed.json()] == ["Launch"]


def test_unknown_project_is_404():
    headers = register_and_login("bo@example.com")
    assert client.get("/projects/999", headers=headers).status_code == 404
