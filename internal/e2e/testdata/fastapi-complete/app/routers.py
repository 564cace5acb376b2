from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Project, Task, User, get_db
from app.schemas import ErrorOut, ProjectIn, ProjectOut, TaskIn, TaskOut, Token, UserCreate, UserOut
from app.security import create_access_token, get_current_user, hash_password, verify_password

auth = APIRouter(prefix="/auth", tags=["auth"])
projects = APIRouter(prefix="/projects", tags=["projects"], responses={404: {"model": ErrorOut}})
users = APIRouter(prefix="/users", tags=["users"])
tasks = APIRouter(prefix="/tasks", tags=["tasks"], responses={404: {"model": ErrorOut}})


@auth.post("/register", response_model=UserOut, status_code=status.HTTP_201_CREATED, summary="Create an account")
def register(body: UserCreate, db: Session = Depends(get_db)):
    if db.scalar(select(User).where(User.email == body.email)):
        raise HTTPException(status_code=409, detail="Email already registered")
    user = User(email=body.email, hashed_password=hash_password(body.password))
    db.add(user)
    db.commit()
    return user


@auth.post("/token", response_model=Token, summary="Log in and get a bearer token")
def login(form: OAuth2PasswordRequestForm = Depends(), db: Session = Depends(get_db)):
    user = db.scalar(select(User).where(User.email == form.username))
    if user is None or not verify_password(form.password, user.hashed_password):
        raise HTTPException(status_code=401, detail="Incorrect email or password")
    return Token(access_token=create_access_token(str(user.id)))


@users.get("/me", response_model=UserOut, summary="The current user")
def me(user: User = Depends(get_current_user)):
    return user


def owned_project(project_id: int, user: User, db: Session) -> Project:
    project = db.get(Project, project_id)
    if project is None or project.owner_id != user.id:
        raise HTTPException(status_code=404, detail="Project not found")
    return project


@projects.get("", response_model=list[ProjectOut], summary="List my projects")
def list_projects(
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0),
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
):
    stmt = select(Project).where(Project.owner_id == user.id).order_by(Project.id).limit(limit).offset(offset)
    return db.scalars(stmt).all()


@projects.post("", response_model=ProjectOut, status_code=201, summary="Create a project")
def create_project(body: ProjectIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    project = Project(name=body.name, owner_id=user.id)
    db.add(project)
    db.commit()
    return project


@projects.get("/{project_id}", response_model=ProjectOut, summary="Get a project")
def get_project(project_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    return owned_project(project_id, user, db)


@projects.delete("/{project_id}", status_code=204, summary="Delete a project and its tasks")
def delete_project(project_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    db.delete(owned_project(project_id, user, db))
    db.commit()


@projects.get("/{project_id}/tasks", response_model=list[TaskOut], summary="List a project's tasks")
def list_tasks(
    project_id: int,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
):
    owned_project(project_id, user, db)
    stmt = select(Task).where(Task.project_id == project_id).limit(limit).offset(offset)
    return db.scalars(stmt).all()


@projects.post("/{project_id}/tasks", response_model=TaskOut, status_code=201, summary="Add a task")
def create_task(project_id: int, body: TaskIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    owned_project(project_id, user, db)
    task = Task(project_id=project_id, **body.model_dump())
    db.add(task)
    db.commit()
    return task


@tasks.patch("/{task_id}", response_model=TaskOut, summary="Update a task")
def update_task(task_id: int, body: TaskIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    task = db.get(Task, task_id)
    if task is None or task.project.owner_id != user.id:
        raise HTTPException(status_code=404, detail="Task not found")
    for key, value in body.model_dump(exclude_unset=True).items():
        setattr(task, key, value)
    db.commit()
    return task


@tasks.delete("/{task_id}", status_code=204, summary="Delete a task")
def delete_task(task_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    task = db.get(Task, task_id)
    if task is None or task.project.owner_id != user.id:
        raise HTTPException(status_code=404, detail="Task not found")
    db.delete(task)
    db.commit()
