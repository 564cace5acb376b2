"""Bookshelf: a small FastAPI service the probe's integration tests run.

BROKEN=1 gives the mistakes the probe must report: route functions that
share a name under a name-based operationId (an invalid document), and an
HTML landing page listed in the document as a JSON operation.
"""
import os

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

BROKEN = os.environ.get("BROKEN") == "1"
TOKEN = os.environ.get("API_TOKEN", "")


def by_name(route):
    # Short operationIds for client generators; unique only while the
    # function names are.
    return route.name


options = {"generate_unique_id_function": by_name} if BROKEN else {}
app = FastAPI(title="Bookshelf", version="1.0.0", **options)
bearer = HTTPBearer()


class Book(BaseModel):
    id: int
    title: str
    author: str


class Author(BaseModel):
    id: int
    name: str


class Me(BaseModel):
    user: str


BOOKS = [Book(id=1, title="Dune", author="Frank Herbert"), Book(id=2, title="Emma", author="Jane Austen")]
AUTHORS = [Author(id=1, name="Frank Herbert")]


def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> str:
    if not TOKEN or creds.credentials != TOKEN:
        raise HTTPException(status_code=401, detail="invalid token")
    return "reviewer"


books = APIRouter(prefix="/api/books", tags=["books"])
authors = APIRouter(prefix="/api/authors", tags=["authors"])


@books.get("", response_model=list[Book], summary="List books")
def list_all():
    return BOOKS


@authors.get("", response_model=list[Author], summary="List authors")
def list_all():  # noqa: F811 - the same name in another router
    return AUTHORS


@app.get("/api/me", response_model=Me, summary="Who am I")
def me(user: str = Depends(current_user)):
    return Me(user=user)


@app.get("/healthz")
def health():
    return {"status": "ok"}


if BROKEN:
    @app.get("/")
    def home():
        return HTMLResponse("<html><body><h1>Bookshelf</h1><a href='/docs'>API docs</a></body></html>")
else:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return "<html><body><h1>Bookshelf</h1><a href='/docs'>API docs</a></body></html>"

app.include_router(books)
app.include_router(authors)
