from datetime import datetime

from pydantic import BaseModel, EmailStr, Field


class UserCreate(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)
    notebook_id: int | None = None


class NoteOut(NoteIn):
    id: int
    created_at: datetime


class NotebookIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class NotebookOut(NotebookIn):
    id: int
