package auth

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// detect runs the detector over files (path → content) with the given stack.
func detect(t *testing.T, st facts.Stack, files map[string]string) facts.Auth {
	t.Helper()
	d := New()
	for p, c := range files {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	inv := facts.Facts{Stack: st}
	d.Finish(&inv)
	return inv.Auth
}

func stack(lang, fw string, deps ...string) facts.Stack {
	m := map[string]bool{}
	for _, d := range deps {
		m[d] = true
	}
	return facts.Stack{Language: lang, Framework: fw, Dependencies: m}
}

type want struct {
	kind, hash string
	libs       []string
	protected  int // minimum; -1 means exactly zero
	keys       int
}

func check(t *testing.T, a facts.Auth, w want) {
	t.Helper()
	if a.Kind != w.kind {
		t.Errorf("kind = %q, want %q (evidence %v)", a.Kind, w.kind, a.Evidence)
	}
	if w.hash != "" && a.PasswordHashing != w.hash {
		t.Errorf("hashing = %q, want %q", a.PasswordHashing, w.hash)
	}
	for _, l := range w.libs {
		if !slices.Contains(a.Libraries, l) {
			t.Errorf("library %q missing from %v", l, a.Libraries)
		}
	}
	switch {
	case w.protected < 0 && a.ProtectedRoutes != 0:
		t.Errorf("protected routes = %d at %v, want 0", a.ProtectedRoutes, a.ProtectedEvidence)
	case w.protected > 0 && a.ProtectedRoutes != w.protected:
		t.Errorf("protected routes = %d at %v, want %d", a.ProtectedRoutes, a.ProtectedEvidence, w.protected)
	}
	if len(a.HardcodedKeys) != w.keys {
		t.Errorf("hard-coded keys = %v, want %d", a.HardcodedKeys, w.keys)
	}
	if a.ProtectedRoutes > 0 && (len(a.ProtectedEvidence) == 0 || a.ProtectedEvidence[0].Line == 0) {
		t.Errorf("protected routes without evidence lines: %v", a.ProtectedEvidence)
	}
}

const fastapiSecurity = `from datetime import datetime, timedelta
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt
from passlib.context import CryptContext

from app.config import settings

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def create_access_token(data: dict) -> str:
    to_encode = data.copy()
    to_encode["exp"] = datetime.utcnow() + timedelta(minutes=30)
    return jwt.encode(to_encode, settings.secret_key, algorithm="HS256")


async def get_current_user(token: str = Depends(oauth2_scheme)):
    try:
        payload = jwt.decode(token, settings.secret_key, algorithms=["HS256"])
    except JWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)
    return payload
`

const fastapiRoutes = `from fastapi import APIRouter, Depends
from app.auth import get_current_user
from app.db import get_db

router = APIRouter(prefix="/items")


@router.get("/")
def list_items(db=Depends(get_db), user=Depends(get_current_user)):
    return []


@router.post("/")
def create_item(item: dict, current_user: dict = Depends(get_current_user)):
    return item
`

func TestPython(t *testing.T) {
	tests := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		want  want
	}{{
		name: "fastapi jose passlib with protected routes",
		st:   stack("python", "fastapi", "fastapi", "python-jose", "passlib"),
		files: map[string]string{
			"app/auth.py":         fastapiSecurity,
			"app/routers/item.py": fastapiRoutes,
			"app/config.py":       "import os\nclass Settings:\n    secret_key: str = os.getenv(\"SECRET_KEY\")\nsettings = Settings()\n",
		},
		// The two routes; get_current_user's own Depends(oauth2_scheme)
		// defines a dependency, it protects no route by itself.
		want: want{kind: "jwt", hash: "bcrypt", libs: []string{"python-jose", "fastapi-security", "passlib"}, protected: 2},
	}, {
		name: "fastapi with a hard-coded key used by jwt.encode",
		st:   stack("python", "fastapi", "fastapi", "pyjwt"),
		files: map[string]string{
			"app/security.py": "import jwt\n\nSECRET_KEY = \"09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7\"\n\ndef token(sub):\n    return jwt.encode({\"sub\": sub}, SECRET_KEY, algorithm=\"HS256\")\n",
		},
		want: want{kind: "jwt", libs: []string{"pyjwt"}, protected: -1, keys: 1},
	}, {
		name: "a payload with string keys is not a literal key",
		st:   stack("python", "fastapi", "python-jose"),
		files: map[string]string{
			"app/security.py": "from jose import jwt\n\ndef token(subject, expire):\n    return jwt.encode({\"sub\": subject, \"exp\": expire}, settings.jwt_secret, algorithm=\"HS256\")\n",
			"app/token.js":    "const jwt = require('jsonwebtoken')\nmodule.exports = (u) => jwt.sign({ id: u.id, role: 'admin' }, process.env.JWT_SECRET, { expiresIn: '1h' })\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 0},
	}, {
		name: "key placeholder and env reads are not hard-coded",
		st:   stack("python", "fastapi", "pyjwt"),
		files: map[string]string{
			"app/security.py": "import os\nimport jwt\nSECRET_KEY = os.environ[\"SECRET_KEY\"]\nJWT_SECRET = \"changeme\"\n\ndef token(sub):\n    return jwt.encode({\"sub\": sub}, SECRET_KEY)\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 0},
	}, {
		name: "a comment and a README mentioning jwt are not auth",
		st:   stack("python", "fastapi", "fastapi"),
		files: map[string]string{
			"app/main.py": "# TODO add jwt auth\n# from jose import jwt\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get(\"/items\")\ndef items():\n    \"\"\"Later: Depends(get_current_user)\"\"\"\n    return []\n",
			"README.md":   "Uses JWT with python-jose and bcrypt.\n",
		},
		want: want{kind: "none", hash: "none", protected: -1},
	}, {
		name: "django drf simplejwt with permissions and default pbkdf2",
		st:   stack("python", "django", "django", "djangorestframework", "djangorestframework-simplejwt"),
		files: map[string]string{
			"config/settings.py": "SECRET_KEY = 'django-insecure-8x!v2k@q#0z^r3n7w5t1y9u$e6i4o2p'\nREST_FRAMEWORK = {\n    'DEFAULT_AUTHENTICATION_CLASSES': (\n        'rest_framework_simplejwt.authentication.JWTAuthentication',\n    ),\n    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],\n}\n",
			"config/urls.py":     "from rest_framework_simplejwt.views import TokenObtainPairView\n",
			"api/views.py":       "from rest_framework import viewsets, permissions\nfrom django.contrib.auth.models import User\n\nclass NoteViewSet(viewsets.ModelViewSet):\n    permission_classes = [permissions.IsAuthenticated]\n\nclass SignupView(viewsets.ViewSet):\n    permission_classes = [permissions.AllowAny]\n    def create(self, request):\n        User.objects.create_user(request.data['username'], password=request.data['password'])\n",
		},
		want: want{kind: "jwt", hash: "pbkdf2", libs: []string{"djangorestframework-simplejwt"}, protected: 2, keys: 1},
	}, {
		name: "fastapi template: pwdlib with argon2 and bcrypt, crud.create_user",
		st:   stack("python", "fastapi", "fastapi", "pyjwt", "pwdlib"),
		files: map[string]string{
			"backend/app/core/security.py":    "import jwt\nfrom pwdlib import PasswordHash\nfrom pwdlib.hashers.argon2 import Argon2Hasher\nfrom pwdlib.hashers.bcrypt import BcryptHasher\n\npassword_hash = PasswordHash((Argon2Hasher(), BcryptHasher()))\n\ndef get_password_hash(password: str) -> str:\n    return password_hash.hash(password)\n",
			"backend/app/api/routes/users.py": "from app import crud\n\n@router.post(\"/signup\")\ndef register_user(session: SessionDep, user_in: UserRegister):\n    return crud.create_user(session=session, user_create=user_in)\n",
		},
		want: want{kind: "jwt", hash: "argon2", libs: []string{"pwdlib", "pyjwt"}, protected: -1},
	}, {
		name: "a create_user helper storing the plain password is no hashing",
		st:   stack("python", "fastapi", "fastapi", "pyjwt"),
		files: map[string]string{
			"app/crud.py":     "from app.models import User\n\ndef create_user(db, user):\n    db_user = User(email=user.email, password=user.password)\n    db.add(db_user)\n    db.commit()\n    return db_user\n",
			"app/routes.py":   "from app import crud\n\n@router.post('/users')\ndef signup(user: UserIn, db=Depends(get_db)):\n    return crud.create_user(db, user)\n",
			"app/security.py": "import jwt\n\ndef token(sub):\n    return jwt.encode({'sub': sub}, settings.secret, algorithm='HS256')\n",
		},
		want: want{kind: "jwt", hash: "none", libs: []string{"pyjwt"}, protected: -1},
	}, {
		name: "django session login with login_required",
		st:   stack("python", "django", "django"),
		files: map[string]string{
			"blog/views.py": "from django.contrib.auth import authenticate, login\nfrom django.contrib.auth.decorators import login_required\nfrom django.contrib.auth.mixins import LoginRequiredMixin\n\n@login_required\ndef dashboard(request):\n    pass\n\nclass PostCreate(LoginRequiredMixin, CreateView):\n    pass\n",
		},
		want: want{kind: "session", libs: []string{"django-auth"}, protected: 2},
	}, {
		name: "flask jwt-extended with werkzeug hashing",
		st:   stack("python", "flask", "flask", "flask-jwt-extended"),
		files: map[string]string{
			"app/__init__.py": "import os\nfrom flask_jwt_extended import JWTManager\napp.config['JWT_SECRET_KEY'] = os.environ.get('JWT_SECRET_KEY')\n",
			"app/routes.py":   "from flask_jwt_extended import jwt_required, create_access_token\nfrom werkzeug.security import generate_password_hash, check_password_hash\n\n@bp.route('/me')\n@jwt_required()\ndef me():\n    pass\n",
		},
		want: want{kind: "jwt", hash: "pbkdf2", libs: []string{"flask-jwt-extended"}, protected: 1},
	}, {
		name: "flask-restx boilerplate: a project decorator named admin_token_required",
		st:   stack("python", "flask", "flask", "flask-restx", "pyjwt", "flask-bcrypt"),
		files: map[string]string{
			"app/main/util/decorator.py":             "from functools import wraps\n\ndef token_required(f):\n    @wraps(f)\n    def decorated(*args, **kwargs):\n        return f(*args, **kwargs)\n    return decorated\n",
			"app/main/controller/user_controller.py": "from flask_restx import Resource\nfrom app.main.util.decorator import admin_token_required\n\n@api.route('/')\nclass UserList(Resource):\n    @api.doc('list_of_registered_users')\n    @admin_token_required\n    def get(self):\n        return get_all_users()\n",
			"app/main/service/auth_helper.py":        "import jwt\n",
		},
		want: want{kind: "jwt", libs: []string{"pyjwt"}, protected: 1},
	}, {
		name: "decorators that only end like auth ones protect nothing",
		st:   stack("python", "flask", "flask", "pyjwt"),
		files: map[string]string{
			"app/routes.py": "import jwt\n\n@app.route('/x')\n@cache_required_headers\n@no_login_required_check\ndef x():\n    pass\n",
		},
		want: want{kind: "jwt", protected: -1},
	}, {
		name: "flask-smorest template: passlib pbkdf2_sha256 used directly",
		st:   stack("python", "flask", "flask", "flask-jwt-extended", "passlib"),
		files: map[string]string{
			"app/services/user_service.py": "from flask_jwt_extended import create_access_token\nfrom passlib.hash import pbkdf2_sha256\n\ndef post_user(user_data):\n    password = pbkdf2_sha256.hash(user_data[\"password\"])\n",
		},
		want: want{kind: "jwt", hash: "pbkdf2", libs: []string{"passlib"}, protected: -1},
	}, {
		name: "passlib's md5_crypt is not a slow hash",
		st:   stack("python", "flask", "flask", "flask-jwt-extended", "passlib"),
		files: map[string]string{
			"app/users.py": "from flask_jwt_extended import create_access_token\nfrom passlib.hash import md5_crypt\n\ndef hash_pw(p):\n    return md5_crypt.hash(p)\n",
		},
		want: want{kind: "jwt", hash: "none", protected: -1},
	}, {
		name: "flask login session",
		st:   stack("python", "flask", "flask", "flask-login", "flask-bcrypt"),
		files: map[string]string{
			"app/views.py": "from flask_login import login_required, login_user\nfrom flask_bcrypt import Bcrypt\n\n@app.route('/profile')\n@login_required\ndef profile():\n    pass\n",
		},
		want: want{kind: "session", hash: "bcrypt", libs: []string{"flask-login"}, protected: 1},
	}, {
		name: "dependency only: library listed, kind from the manifest",
		st:   stack("python", "fastapi", "fastapi", "python-jose"),
		files: map[string]string{
			"main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
		},
		want: want{kind: "jwt", libs: []string{"python-jose"}, protected: -1},
	}, {
		name: "api key header only",
		st:   stack("python", "fastapi", "fastapi"),
		files: map[string]string{
			"main.py": "from fastapi import Depends, FastAPI, Security\nfrom fastapi.security import APIKeyHeader\napi_key = APIKeyHeader(name='X-API-Key')\n\n@app.get('/x')\ndef x(key: str = Security(api_key)):\n    pass\n",
		},
		want: want{kind: "api-key", protected: 1},
	}, {
		name: "test files are not read",
		st:   stack("python", "fastapi"),
		files: map[string]string{
			"tests/test_auth.py": "import jwt\nSECRET = 'test-secret'\njwt.encode({}, SECRET)\n",
		},
		want: want{kind: "none", protected: -1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.st, tt.files), tt.want) })
	}
}

const springSecurityConfig = `package com.example.bank.config;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableMethodSecurity
public class SecurityConfig {
    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/api/auth/**").permitAll()
                .anyRequest().authenticated())
            .addFilterBefore(jwtFilter, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
`

func TestSpring(t *testing.T) {
	jwtService := func(key string) string {
		return "package com.example.bank.security;\n\nimport io.jsonwebtoken.Jwts;\nimport io.jsonwebtoken.security.Keys;\n\n@Service\npublic class JwtService {\n    " + key + "\n    public String generate(String user) {\n        return Jwts.builder().subject(user).signWith(key()).compact();\n    }\n}\n"
	}
	tests := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		want  want
	}{{
		name: "jjwt with key from @Value",
		st:   stack("java", "spring-boot", "spring-boot-starter-security", "jjwt-api"),
		files: map[string]string{
			"src/main/java/com/example/bank/config/SecurityConfig.java": springSecurityConfig,
			"src/main/java/com/example/bank/security/JwtService.java":   jwtService(`@Value("${jwt.secret}") private String secret;`),
			"src/main/java/com/example/bank/web/AccountController.java": "package x;\n@RestController\nclass AccountController {\n  @PreAuthorize(\"hasRole('ADMIN')\")\n  @DeleteMapping(\"/{id}\") void delete() {}\n}\n",
		},
		want: want{kind: "jwt", hash: "bcrypt", libs: []string{"jjwt", "spring-security"}, protected: 2},
	}, {
		name: "jjwt with a literal key",
		st:   stack("java", "spring-boot", "jjwt-api"),
		files: map[string]string{
			"src/main/java/com/example/bank/security/JwtService.java": jwtService(`private static final String SECRET_KEY = "404E635266556A586E3272357538782F413F4428472B4B6250645367566B5970";`),
			"src/main/java/com/example/Keys.java":                     "package x;\nimport io.jsonwebtoken.security.Keys;\nclass K { Key k = Keys.hmacShaKeyFor(\"mysupersecretkeymysupersecretkey\".getBytes()); }\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 2},
	}, {
		name: "kotlin resource server",
		st:   stack("kotlin", "spring-boot", "spring-boot-starter-oauth2-resource-server"),
		files: map[string]string{
			"src/main/kotlin/app/SecurityConfig.kt": "package app\n\nimport org.springframework.security.config.annotation.web.invoke\n\n@Bean\nfun chain(http: HttpSecurity): SecurityFilterChain {\n    http {\n        authorizeHttpRequests { authorize(anyRequest, authenticated) }\n        oauth2ResourceServer { jwt { } }\n    }\n    return http.build()\n}\n",
		},
		want: want{kind: "jwt", libs: []string{"spring-security-oauth2-resource-server"}, protected: 1},
	}, {
		name: "form login session",
		st:   stack("java", "spring-boot", "spring-boot-starter-security"),
		files: map[string]string{
			"src/main/java/app/Sec.java": "import org.springframework.security.config.annotation.web.builders.HttpSecurity;\nclass Sec { void c(HttpSecurity http) { http.formLogin(Customizer.withDefaults()).authorizeHttpRequests(a -> a.anyRequest().authenticated()); } }\n",
		},
		want: want{kind: "session", protected: 1},
	}, {
		name: "kotlin jjwt with an annotation checked by an aspect",
		st:   stack("kotlin", "spring-boot", "jjwt-api"),
		files: map[string]string{
			"src/main/kotlin/io/realworld/jwt/ApiKeySecured.kt":   "package io.realworld.jwt\n\n@Target(AnnotationTarget.FUNCTION)\n@Retention(AnnotationRetention.RUNTIME)\nannotation class ApiKeySecured(val mandatory: Boolean = true)\n",
			"src/main/kotlin/io/realworld/service/UserService.kt": "package io.realworld.service\n\nimport io.jsonwebtoken.Jwts\n\n@Service\nclass UserService { fun newToken(u: User): String = Jwts.builder().setSubject(u.email).compact() }\n",
			"src/main/kotlin/io/realworld/web/ArticleHandler.kt":  "package io.realworld.web\n\n@RestController\nclass ArticleHandler {\n    @ApiKeySecured(mandatory = false)\n    @GetMapping(\"/api/articles\")\n    fun articles() = listOf<Article>()\n\n    @ApiKeySecured\n    @PostMapping(\"/api/articles\")\n    fun newArticle(@RequestBody a: NewArticle) = a\n}\n",
		},
		want: want{kind: "jwt", protected: 2},
	}, {
		name: "java jwt checked by a HandlerInterceptor",
		st:   stack("java", "spring-boot", "java-jwt"),
		files: map[string]string{
			"src/main/java/com/shop/config/WebConfig.java": "package com.shop.config;\n\nimport com.auth0.jwt.JWT;\n\n@Configuration\npublic class WebConfig implements WebMvcConfigurer {\n    @Override\n    public void addInterceptors(InterceptorRegistry registry) {\n        registry.addInterceptor(new JwtInterceptor()).addPathPatterns(\"/api/**\").excludePathPatterns(\"/api/login\");\n    }\n}\n",
		},
		want: want{kind: "jwt", protected: 1},
	}, {
		name: "an annotation declared but unused, and a locale interceptor, protect nothing",
		st:   stack("java", "spring-boot", "jjwt-api"),
		files: map[string]string{
			"src/main/java/app/LoginRequired.java": "package app;\n\nimport io.jsonwebtoken.Jwts;\n\n// Put @LoginRequired on handlers that need a user.\n@Target(ElementType.METHOD)\n@Retention(RetentionPolicy.RUNTIME)\npublic @interface LoginRequired {}\n",
			"src/main/java/app/WebConfig.java":     "package app;\n\npublic class WebConfig implements WebMvcConfigurer {\n    public void addInterceptors(InterceptorRegistry registry) {\n        registry.addInterceptor(localeChangeInterceptor());\n    }\n}\n",
		},
		want: want{kind: "jwt", protected: -1},
	}, {
		name: "spring without security",
		st:   stack("java", "spring-boot", "spring-boot-starter-web"),
		files: map[string]string{
			"src/main/java/app/UserController.java": "package app;\n// TODO: secure with JWT (io.jsonwebtoken) and @PreAuthorize\n@RestController\nclass UserController { @GetMapping(\"/users\") List<User> all() { return repo.findAll(); } }\n",
		},
		want: want{kind: "none", hash: "none", protected: -1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.st, tt.files), tt.want) })
	}
}

func TestNode(t *testing.T) {
	tests := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		want  want
	}{{
		name: "express jsonwebtoken bcryptjs with protect middleware",
		st:   stack("javascript", "express", "express", "jsonwebtoken", "bcryptjs"),
		files: map[string]string{
			"middleware/auth.js": "const jwt = require('jsonwebtoken');\n\nconst protect = (req, res, next) => {\n  const token = req.headers.authorization?.split(' ')[1];\n  req.user = jwt.verify(token, process.env.JWT_SECRET);\n  next();\n};\nmodule.exports = { protect };\n",
			"routes/users.js":    "const express = require('express');\nconst bcrypt = require('bcryptjs');\nconst { protect } = require('../middleware/auth');\nconst authController = require('../controllers/authController');\nconst router = express.Router();\n\nrouter.post('/login', authController.login);\nrouter.get('/me', protect, getMe);\nrouter.route('/:id').put(protect, updateUser).delete(protect, deleteUser);\nmodule.exports = router;\n",
			"app.js":             "const authRoutes = require('./routes/auth');\napp.use('/api/auth', authRoutes);\napp.use('/api/authors', authorsRouter);\n",
		},
		want: want{kind: "jwt", hash: "bcrypt", libs: []string{"jsonwebtoken"}, protected: 2},
	}, {
		name: "express-jwt auth.required and auth.optional (RealWorld)",
		st:   stack("typescript", "express", "express", "express-jwt"),
		files: map[string]string{
			"src/app/routes/auth/auth.ts":                  "import { expressjwt as jwt } from 'express-jwt';\n\nconst auth = {\n  required: jwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }),\n  optional: jwt({ secret: process.env.JWT_SECRET, credentialsRequired: false, algorithms: ['HS256'] }),\n};\n\nexport default auth;\n",
			"src/app/routes/article/article.controller.ts": "import { Router } from 'express';\nimport auth from '../auth/auth';\n\nconst router = Router();\n\nrouter.get('/articles', auth.optional, async (req, res) => res.json(await getArticles(req.query)));\n\nrouter.get(\n  '/articles/feed',\n  auth.required,\n  async (req, res, next) => res.json(await getFeed(req.auth?.user?.id)),\n);\nrouter.post('/articles', auth.required, createArticle);\n\nexport default router;\n",
		},
		want: want{kind: "jwt", libs: []string{"express-jwt"}, protected: 2},
	}, {
		name: "optional auth and an auth router are no protection",
		st:   stack("javascript", "express", "express", "express-jwt"),
		files: map[string]string{
			"src/routes.js": "const { expressjwt } = require('express-jwt')\nconst auth = { optional: expressjwt({ secret: process.env.SECRET, credentialsRequired: false, algorithms: ['HS256'] }) }\nrouter.get('/articles', auth.optional, listArticles)\napp.use(auth.routes)\napp.use('/auth', auth.router)\n",
		},
		want: want{kind: "jwt", protected: -1},
	}, {
		name: "nestjs middleware applied to routes",
		st:   stack("typescript", "nestjs", "jsonwebtoken"),
		files: map[string]string{
			"src/user/auth.middleware.ts":   "import * as jwt from 'jsonwebtoken';\n@Injectable()\nexport class AuthMiddleware implements NestMiddleware {\n  async use(req, res, next) { req.user = jwt.verify(req.headers.authorization, SECRET); next(); }\n}\n",
			"src/article/article.module.ts": "import { AuthMiddleware } from '../user/auth.middleware';\n@Module({ controllers: [ArticleController] })\nexport class ArticleModule implements NestModule {\n  public configure(consumer: MiddlewareConsumer) {\n    consumer\n      .apply(AuthMiddleware)\n      .forRoutes(\n        {path: 'articles/feed', method: RequestMethod.GET},\n        {path: 'articles', method: RequestMethod.POST});\n  }\n}\n",
			"src/app.module.ts":             "export class AppModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(LoggerMiddleware).forRoutes('*');\n  }\n}\n",
		},
		want: want{kind: "jwt", protected: 1},
	}, {
		name: "express with a literal jwt secret",
		st:   stack("javascript", "express", "jsonwebtoken"),
		files: map[string]string{
			"src/auth.js": "const jwt = require('jsonwebtoken')\nconst JWT_SECRET = 'supersecret123'\nexports.sign = (u) => jwt.sign({ id: u.id }, JWT_SECRET)\nexports.sign2 = (u) => jwt.sign({ id: u.id }, 'anothersecret', { expiresIn: '1h' })\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 2},
	}, {
		name: "process.env fallback is read from env; comments are not auth",
		st:   stack("javascript", "express", "express"),
		files: map[string]string{
			"src/app.js": "// const jwt = require('jsonwebtoken')\n// router.get('/me', auth, me)\nconst secret = process.env.JWT_SECRET\napp.get('/health', (req, res) => res.send('ok'))\n",
		},
		want: want{kind: "none", protected: -1},
	}, {
		name: "frontend jsonwebtoken dependency does not make a go backend jwt",
		st:   stack("go", "gin", "github.com/gin-gonic/gin", "jsonwebtoken"),
		files: map[string]string{
			"backend/main.go": "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run() }\n",
		},
		want: want{kind: "none", protected: -1},
	}, {
		name: "nestjs guards and global guard",
		st:   stack("typescript", "nestjs", "@nestjs/jwt", "@nestjs/passport", "passport-jwt", "bcrypt"),
		files: map[string]string{
			"src/auth/auth.module.ts":       "import { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\n@Module({ imports: [JwtModule.registerAsync({ useFactory: (c: ConfigService) => ({ secret: c.get('JWT_SECRET') }) })], providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })\nexport class AuthModule {}\n",
			"src/users/users.controller.ts": "import { UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('users')\nexport class UsersController {\n  @UseGuards(AuthGuard('jwt'))\n  @Get('me') me() {}\n}\n",
			"src/users/users.service.ts":    "import * as bcrypt from 'bcrypt';\n",
		},
		want: want{kind: "jwt", hash: "bcrypt", libs: []string{"@nestjs/jwt", "passport"}, protected: 2},
	}, {
		name: "nestjs hard-coded module secret",
		st:   stack("typescript", "nestjs", "@nestjs/jwt"),
		files: map[string]string{
			"src/auth/auth.module.ts":       "import { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: 'my-jwt-secret-123', signOptions: { expiresIn: '60s' } })] })\nexport class AuthModule {}\n",
			"src/auth/constants.example.ts": "import { JwtModule } from '@nestjs/jwt';\nexport const jwtConstants = { secret: 'realsecretvalue' };\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 1},
	}, {
		name: "fastify jwt with onRequest hook",
		st:   stack("typescript", "fastify", "fastify", "@fastify/jwt"),
		files: map[string]string{
			"src/plugins/auth.ts": "import fastifyJwt from '@fastify/jwt'\nexport default fp(async (fastify) => {\n  fastify.register(fastifyJwt, { secret: process.env.JWT_SECRET! })\n  fastify.decorate('authenticate', async (request) => { await request.jwtVerify() })\n})\n",
			"src/routes/todos.ts": "export default async function (fastify) {\n  fastify.get('/todos', { onRequest: [fastify.authenticate] }, async () => [])\n  fastify.post('/todos', { preHandler: fastify.authenticate }, async () => ({}))\n}\n",
		},
		want: want{kind: "jwt", libs: []string{"@fastify/jwt"}, protected: 2},
	}, {
		name: "fastify javascript without auth",
		st:   stack("javascript", "fastify", "fastify"),
		files: map[string]string{
			"server.js": "const fastify = require('fastify')()\nfastify.get('/authors', async () => [])\nfastify.register(require('./routes/auth'), { prefix: '/auth' })\n",
		},
		want: want{kind: "none", protected: -1},
	}, {
		name: "passport google oauth with session",
		st:   stack("javascript", "express", "passport", "passport-google-oauth20", "express-session"),
		files: map[string]string{
			"app.js": "const session = require('express-session')\nconst GoogleStrategy = require('passport-google-oauth20').Strategy\napp.get('/auth/google', passport.authenticate('google', { scope: ['profile'] }))\napp.get('/dashboard', ensureAuthenticated, dashboard)\n",
		},
		// /dashboard only: /auth/google starts a login, it is not protected.
		want: want{kind: "oauth", libs: []string{"passport-oauth", "express-session"}, protected: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.st, tt.files), tt.want) })
	}
}

func TestGo(t *testing.T) {
	const jwtMiddleware = "package middleware\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\n\t\"github.com/golang-jwt/jwt/v5\"\n)\n\nvar jwtSecret = []byte(os.Getenv(\"JWT_SECRET\"))\n\nfunc AuthMiddleware(next http.Handler) http.Handler { return next }\n"
	tests := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		want  want
	}{{
		name: "net/http wrapping handlers, bcrypt",
		st:   stack("go", "net-http", "github.com/golang-jwt/jwt/v5"),
		files: map[string]string{
			"internal/middleware/auth.go": jwtMiddleware,
			"cmd/api/main.go":             "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc(\"POST /login\", h.Login)\n\tmux.Handle(\"GET /me\", middleware.AuthMiddleware(http.HandlerFunc(h.Me)))\n\thttp.ListenAndServe(\":8080\", mux)\n}\n",
			"internal/user/service.go":    "package user\n\nimport \"golang.org/x/crypto/bcrypt\"\n",
		},
		want: want{kind: "jwt", hash: "bcrypt", libs: []string{"golang-jwt"}, protected: 1},
	}, {
		name: "gin group with Use",
		st:   stack("go", "gin", "github.com/gin-gonic/gin", "github.com/golang-jwt/jwt/v5"),
		files: map[string]string{
			"internal/middleware/auth.go": jwtMiddleware,
			"main.go":                     "package main\n\nfunc routes(r *gin.Engine) {\n\tr.POST(\"/login\", authHandler.Login)\n\tapi := r.Group(\"/api\")\n\tapi.Use(middleware.JWTAuth())\n\tapi.GET(\"/profile\", RequireAuth(), h.Profile)\n}\n",
		},
		want: want{kind: "jwt", libs: []string{"golang-jwt"}, protected: 2},
	}, {
		name: "echo jwt middleware and chi With",
		st:   stack("go", "echo", "github.com/labstack/echo/v4", "github.com/labstack/echo-jwt/v4"),
		files: map[string]string{
			"main.go":  "package main\n\nimport echojwt \"github.com/labstack/echo-jwt/v4\"\n\nfunc main() {\n\tr := e.Group(\"/restricted\")\n\tr.Use(echojwt.JWT([]byte(os.Getenv(\"SECRET\"))))\n}\n",
			"chi/r.go": "package chi\n\nfunc routes(r chi.Router) {\n\tr.With(authMiddleware).Get(\"/me\", me)\n}\n",
		},
		want: want{kind: "jwt", libs: []string{"echo-jwt"}, protected: 2},
	}, {
		name: "fiber with a literal signing key",
		st:   stack("go", "fiber", "github.com/gofiber/fiber/v2", "github.com/golang-jwt/jwt/v5"),
		files: map[string]string{
			"main.go": "package main\n\nimport (\n\tjwtware \"github.com/gofiber/contrib/jwt\"\n\t\"github.com/golang-jwt/jwt/v5\"\n)\n\nfunc main() {\n\tapp.Use(jwtware.New(jwtware.Config{SigningKey: jwtware.SigningKey{Key: []byte(\"secret\")}}))\n\tt, _ := token.SignedString([]byte(\"secret\"))\n}\n",
		},
		want: want{kind: "jwt", protected: 1, keys: 2},
	}, {
		// RealWorld fiber and echo: the middleware is a variable passed to Group.
		name: "fiber and echo groups with a jwt middleware variable",
		st:   stack("go", "fiber", "github.com/gofiber/fiber/v2", "github.com/gofiber/contrib/jwt"),
		files: map[string]string{
			"handler/routes.go": "package handler\n\nfunc (h *Handler) Register(r *fiber.App) {\n\tv1 := r.Group(\"/api\")\n\tjwtMiddleware := jwtware.New(jwtware.Config{SigningKey: utils.JWTSecret})\n\tguestUsers := v1.Group(\"/users\")\n\tguestUsers.Post(\"/login\", h.Login)\n\tuser := v1.Group(\"/user\", jwtMiddleware)\n\tuser.Get(\"\", h.CurrentUser)\n\tprofiles := v1.Group(\"/profiles\", jwtMiddleware)\n\tprofiles.Get(\"/:username\", h.GetProfile)\n\tadmin := v1.Group(\"/admin\", logger.New(), requireAuth)\n\tadmin.Get(\"/stats\", h.Stats)\n}\n",
		},
		want: want{kind: "jwt", libs: []string{"fiber-jwt"}, protected: 3},
	}, {
		name: "groups with only a path or non-auth middleware are not protected",
		st:   stack("go", "echo", "github.com/labstack/echo/v4", "github.com/golang-jwt/jwt/v5"),
		files: map[string]string{
			"router.go": "package router\n\nfunc Register(e *echo.Echo) {\n\tv1 := e.Group(\"/api\")\n\tpublic := v1.Group(\"/articles\", middleware.Logger(), cacheMiddleware)\n\tpublic.GET(\"\", h.Articles)\n\tusers := v1.Group(\"/users\")\n\tusers.POST(\"/login\", h.Login)\n}\n",
		},
		want: want{kind: "jwt", protected: -1},
	}, {
		name: "go key variable used by SignedString",
		st:   stack("go", "gin", "github.com/golang-jwt/jwt/v5"),
		files: map[string]string{
			"auth/jwt.go": "package auth\n\nimport \"github.com/golang-jwt/jwt/v5\"\n\nvar jwtKey = []byte(\"my_secret_key\")\n\nfunc Sign(c jwt.Claims) (string, error) {\n\treturn jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(jwtKey)\n}\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 1},
	}, {
		// The middleware's package or variable names it: tokens.Middleware,
		// go-chi/jwtauth's Verifier and Authenticator, auth.Middleware,
		// session.RequireUser.
		name: "chi middleware named by its package",
		st:   stack("go", "chi", "github.com/go-chi/chi/v5", "github.com/golang-jwt/jwt/v5", "github.com/go-chi/jwtauth/v5"),
		files: map[string]string{
			"internal/tokens/tokens.go": "package tokens\n\nimport \"github.com/golang-jwt/jwt/v5\"\n\nfunc Middleware(next http.Handler) http.Handler { return next }\n",
			"cmd/api/routes.go": "package main\n\nfunc routes(tokens *tokens.Service) http.Handler {\n\tr := chi.NewRouter()\n\tr.Post(\"/login\", h.Login)\n" +
				"\tr.Group(func(r chi.Router) {\n\t\tr.Use(tokens.Middleware)\n\t\tr.Get(\"/books\", h.ListBooks)\n\t})\n" +
				"\tr.With(tokens.Middleware).Delete(\"/books/{id}\", h.DeleteBook)\n" +
				"\tr.Group(func(r chi.Router) {\n\t\tr.Use(jwtauth.Verifier(tokenAuth))\n\t\tr.Use(jwtauth.Authenticator(tokenAuth))\n\t\tr.Get(\"/admin\", h.Admin)\n\t})\n" +
				"\tr.Route(\"/me\", func(r chi.Router) {\n\t\tr.Use(auth.Middleware)\n\t\tr.Get(\"/\", h.Me)\n\t})\n" +
				"\tr.With(session.RequireUser).Get(\"/cart\", h.Cart)\n\treturn r\n}\n",
		},
		want: want{kind: "jwt", protected: 6},
	}, {
		// Packages whose names say token or session but whose middleware
		// does not check a user: a rate limiter, a session loader, a token
		// handler mounted as the route.
		name: "chi middleware from token and session packages that protect nothing",
		st:   stack("go", "chi", "github.com/go-chi/chi/v5"),
		files: map[string]string{
			"main.go": "package main\n\nfunc routes() http.Handler {\n\tr := chi.NewRouter()\n\tr.Use(tokenLimiter.Middleware)\n\tr.Use(sessionManager.LoadAndSave)\n" +
				"\tr.Post(\"/tokens\", tokens.Create)\n\tr.Get(\"/sessions\", sessions.List)\n\treturn r\n}\n",
		},
		want: want{kind: "none", protected: -1},
	}, {
		name: "plain handlers without auth; jwt only in a comment",
		st:   stack("go", "chi", "github.com/go-chi/chi/v5"),
		files: map[string]string{
			"main.go": "package main\n\n// TODO: add github.com/golang-jwt/jwt auth middleware via r.Use(AuthMiddleware)\nfunc routes(r chi.Router) {\n\tr.Use(middleware.Logger)\n\tr.Get(\"/authors\", listAuthors)\n\tr.Mount(\"/auth\", authRouter)\n}\n",
		},
		want: want{kind: "none", hash: "none", protected: -1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.st, tt.files), tt.want) })
	}
}

func TestBadInput(t *testing.T) {
	long := make([]byte, 200000)
	for i := range long {
		long[i] = "router.get('/x', auth, (\xff"[i%24]
	}
	a := detect(t, stack("javascript", "express"), map[string]string{
		"a.js": string(long), "b.py": "\xff\xfe\x00 import jwt", "c.go": "\"github.com/golang-jwt/jwt/v5\"\n r.Use(", "d.java": "signWith(\"",
	})
	if a.Kind == "" || a.PasswordHashing == "" {
		t.Errorf("kind and hashing must always be set: %+v", a)
	}
}

// The docstring-blanked copy of a Python file lives in a buffer kept for
// the next file. A file without docstrings is read in place and must come
// out unchanged (other detectors read the same bytes), and a docstring
// blanked in one file must not hide a real dependency in the next.
func TestDocstringBufferDoesNotLeakBetweenFiles(t *testing.T) {
	withDoc := []byte("from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get(\"/a\")\ndef a():\n    \"\"\"Later: Depends(get_current_user)\"\"\"\n    return []\n")
	plain := []byte(fastapiRoutes)
	// As the collector does: Code is the blanked copy all detectors share.
	plainCode := scan.Code(plain, "python")
	d := New()
	for _, f := range []scan.File{
		{Path: "app/a.py", Data: withDoc, Code: scan.Code(withDoc, "python")},
		{Path: "app/routers/item.py", Data: plain, Code: plainCode},
		{Path: "app/b.py", Data: withDoc, Code: scan.Code(withDoc, "python")},
	} {
		d.Scan(f)
	}
	if string(plainCode) != string(scan.Code([]byte(fastapiRoutes), "python")) {
		t.Errorf("the file without docstrings was written to:\n%s", plainCode)
	}
	inv := facts.Facts{Stack: stack("python", "fastapi", "fastapi")}
	d.Finish(&inv)
	if inv.Auth.ProtectedRoutes != 2 {
		t.Errorf("protected routes = %d, want the 2 of app/routers/item.py", inv.Auth.ProtectedRoutes)
	}
}

// A docstring-blanked copy is lent with an index of its own while the file
// is scanned and withdrawn after: the next file's copy, in the same buffer
// and of the same length, must be judged on its own text, not ruled out
// by the previous file's index.
func TestBlankedCopyIndexIsEachFilesOwn(t *testing.T) {
	first := []byte("\"\"\"Module.\"\"\"\nimport os \n")
	second := []byte("\"\"\"Module.\"\"\"\nimport jwt\n")
	if len(first) != len(second) {
		t.Fatal("the two files must have the same length")
	}
	d := New()
	for i, data := range [][]byte{first, second} {
		d.Scan(scan.File{Path: fmt.Sprintf("app/m%d.py", i), Data: data, Code: scan.Code(data, "python")})
		if scan.IsLent(d.(*detector).blanked) {
			t.Fatalf("file %d: the blanked copy is still lent after its scan", i)
		}
	}
	inv := facts.Facts{Stack: stack("python", "fastapi", "fastapi")}
	d.Finish(&inv)
	if !slices.Contains(inv.Auth.Libraries, "pyjwt") {
		t.Errorf("libraries = %v, want pyjwt from the second file", inv.Auth.Libraries)
	}
}
