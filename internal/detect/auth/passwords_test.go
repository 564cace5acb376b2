package auth

import "testing"

func TestPasswordless(t *testing.T) {
	tests := []struct {
		name         string
		st           string // language
		fw           string
		files        map[string]string
		passwordless bool
	}{
		{
			name: "fastapi magic link issuing a jwt", st: "python", fw: "fastapi",
			files: map[string]string{
				"app/routers/auth.py": `"""Passwordless login: no password is ever stored."""
from fastapi import APIRouter, Depends, HTTPException
from jose import jwt
from pydantic import BaseModel, EmailStr

from app.core.config import settings
from app.services.mail import send_login_link

router = APIRouter(prefix="/auth", tags=["auth"])


class LinkRequest(BaseModel):
    email: EmailStr


@router.post("/magic-link")
async def request_link(body: LinkRequest):
    token = jwt.encode({"sub": body.email, "purpose": "login"}, settings.SECRET_KEY, algorithm="HS256")
    await send_login_link(body.email, token)
    return {"detail": "check your inbox"}
`,
				"app/core/config.py": `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str
    MAIL_USERNAME: str
    MAIL_PASSWORD: str
    db_password: str = ""


settings = Settings()
`,
				"app/services/mail.py": `from fastapi_mail import ConnectionConfig, FastMail, MessageSchema
from app.core.config import settings

conf = ConnectionConfig(MAIL_USERNAME=settings.MAIL_USERNAME, MAIL_PASSWORD=settings.MAIL_PASSWORD, MAIL_PORT=587)
`,
				"app/db.py": `from sqlalchemy import create_engine
engine = create_engine(f"postgresql://app:{settings.db_password}@db/app")
redis_client = Redis(host="cache", password=settings.redis_pass)
`,
			},
			passwordless: true,
		},
		{
			name: "fastapi password login", st: "python", fw: "fastapi",
			files: map[string]string{
				"app/models.py": `from sqlalchemy.orm import Mapped, mapped_column

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(unique=True)
    hashed_password: Mapped[str]
`,
			},
		},
		{
			name: "fastapi password form", st: "python", fw: "fastapi",
			files: map[string]string{
				"app/auth.py": `from fastapi.security import OAuth2PasswordRequestForm

@router.post("/token")
def login(form: OAuth2PasswordRequestForm = Depends()):
    return issue(form.username)
`,
			},
		},
		{
			name: "flask-sqlalchemy user with password column", st: "python", fw: "flask",
			files: map[string]string{
				"app/models.py": `from app import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    password = db.Column(db.String(128), nullable=False)
`,
			},
		},
		{
			name: "flask oauth login with a database password in config", st: "python", fw: "flask",
			files: map[string]string{
				"app/auth.py": `from authlib.integrations.flask_client import OAuth
from flask_jwt_extended import create_access_token

@bp.route("/login/github/callback")
def github_callback():
    token = oauth.github.authorize_access_token()
    return {"access_token": create_access_token(identity=token["userinfo"]["email"])}
`,
				"config.py": `import os

class Config:
    SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
    DB_PASSWORD = os.getenv("DB_PASSWORD")
`,
			},
			passwordless: true,
		},
		{
			name: "django settings databases PASSWORD only", st: "python", fw: "django",
			files: map[string]string{
				"core/settings.py": `REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "PASSWORD": "devpass",
    }
}
`,
			},
			passwordless: true,
		},
		{
			name: "drf serializer with password field", st: "python", fw: "django",
			files: map[string]string{
				"users/serializers.py": `class RegisterSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["email", "password"]
`,
			},
		},
		{
			name: "gin oauth login issuing jwt", st: "go", fw: "gin",
			files: map[string]string{
				"internal/auth/google.go": `package auth

import (
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

func (h *Handler) Callback(c *gin.Context) {
	tok, err := h.oauth.Exchange(c, c.Query("code"))
	if err != nil {
		c.JSON(401, gin.H{"error": "exchange failed"})
		return
	}
	signed, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": tok.Extra("email")}).SignedString(h.key)
	c.JSON(200, gin.H{"token": signed})
}
`,
				"internal/config/config.go": `package config

type Config struct {
	DBPassword string ` + "`env:\"DB_PASSWORD\"`" + `
}

func dsn(cfg Config) string { return "postgres://app:" + cfg.DBPassword + "@db/app" }
`,
			},
			passwordless: true,
		},
		{
			name: "gin user with password field", st: "go", fw: "gin",
			files: map[string]string{
				"internal/models/user.go": `package models

type User struct {
	ID       uint   ` + "`json:\"id\"`" + `
	Email    string ` + "`json:\"email\"`" + `
	Password string ` + "`json:\"-\"`" + `
}
`,
			},
		},
		{
			name: "echo login binding a password", st: "go", fw: "echo",
			files: map[string]string{
				"handlers/auth.go": `package handlers

func (h *Handler) Login(c echo.Context) error {
	var req struct{ Email, Pass string }
	if err := c.Bind(&req); err != nil {
		return err
	}
	if !h.users.CheckPassword(req.Email, req.Pass) {
		return echo.ErrUnauthorized
	}
	return c.JSON(200, nil)
}
`,
			},
		},
		{
			name: "express passport-local", st: "javascript", fw: "express",
			files: map[string]string{
				"src/auth.js": `const LocalStrategy = require('passport-local').Strategy;
passport.use(new LocalStrategy(verify));
`,
			},
		},
		{
			name: "express magic link with db password from env", st: "javascript", fw: "express",
			files: map[string]string{
				"src/auth.js": `const jwt = require('jsonwebtoken');
router.post('/login', async (req, res) => {
  const token = jwt.sign({ email: req.body.email }, process.env.JWT_SECRET, { expiresIn: '15m' });
  await mailer.send(req.body.email, token);
  res.status(202).json({ sent: true });
});
`,
				"src/db.js": `const pool = new Pool({ user: 'app', password: process.env.PGPASSWORD });
`,
			},
			passwordless: true,
		},
		{
			name: "no source at all", st: "python", fw: "fastapi",
			files: map[string]string{"README.md": "# api\n"},
		},
		{
			name: "no authentication at all", st: "go", fw: "chi",
			files: map[string]string{"main.go": "package main\n\nfunc main() { r := chi.NewRouter(); r.Get(\"/todos\", list) }\n"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := detect(t, stack(tc.st, tc.fw), tc.files)
			if a.Passwordless != tc.passwordless {
				t.Errorf("passwordless = %v, want %v", a.Passwordless, tc.passwordless)
			}
		})
	}
}

func TestFindPasswordsHostileInput(t *testing.T) {
	long := make([]byte, 1<<20)
	for i := range long {
		long[i] = 'a'
	}
	copy(long[len(long)/2:], " password ")
	if findPasswords(long) < 0 {
		t.Error("a password token inside a huge line was not found")
	}
	if findPasswords([]byte("\xff\xfe password\x00")) < 0 {
		t.Error("a password token beside invalid UTF-8 was not found")
	}
	if findPasswords(nil) != -1 {
		t.Error("empty input names a password")
	}
}
