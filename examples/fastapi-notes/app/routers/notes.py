from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import get_db
from app.models import Note, Notebook, User
from app.schemas import NotebookIn, NotebookOut, NoteIn, NoteOut
from app.security import get_current_user

router = APIRouter(prefix="/api/v1", tags=["notes"])


@router.get("/notes", response_model=list[NoteOut], summary="List your notes, newest first")
def list_notes(
    limit: int = Query(20, le=100),
    offset: int = Query(0, ge=0),
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
):
    query = select(Note).where(Note.owner_id == user.id).order_by(Note.created_at.desc())
    return db.scalars(query.limit(limit).offset(offset)).all()


@router.post("/notes", response_model=NoteOut, status_code=status.HTTP_201_CREATED, summary="Write a note")
def create_note(body: NoteIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    note = Note(body=body.body, notebook_id=body.notebook_id, owner_id=user.id)
    db.add(note)
    db.commit()
    db.refresh(note)
    return note


@router.get("/notes/{note_id}", response_model=NoteOut, responses={404: {"description": "No such note"}})
def get_note(note_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    note = db.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Note not found")
    return note


@router.put("/notes/{note_id}", response_model=NoteOut, summary="Edit a note")
def update_note(note_id: int, body: NoteIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    note = get_note(note_id, user, db)
    note.body = body.body
    db.commit()
    return note


@router.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a note")
def delete_note(note_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    db.delete(get_note(note_id, user, db))
    db.commit()


@router.get("/notebooks", response_model=list[NotebookOut], summary="List your notebooks")
def list_notebooks(user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    return db.scalars(select(Notebook).where(Notebook.owner_id == user.id)).all()


@router.post("/notebooks", response_model=NotebookOut, status_code=status.HTTP_201_CREATED, summary="Create a notebook")
def create_notebook(body: NotebookIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    notebook = Notebook(title=body.title, owner_id=user.id)
    db.add(notebook)
    db.commit()
    return notebook
