package security

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func run(stack facts.Stack, files map[string]string) *facts.Facts {
	d := New()
	for p, c := range files {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: stack}
	d.Finish(inv)
	return inv
}

type want struct {
	validation, rateLimit string
	cors, wildcard        bool
}

func TestStacks(t *testing.T) {
	cases := []struct {
		name  string
		stack facts.Stack
		files map[string]string
		want  want
	}{
		{"fastapi complete", facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
			"app/schemas.py": "from pydantic import BaseModel, EmailStr\n\nclass UserCreate(BaseModel):\n    email: EmailStr\n    password: str\n",
			"app/main.py": `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_credentials=True,
)
`,
		}, want{"pydantic", "slowapi", true, false}},
		{"fastapi sqlmodel, parenthesised import", facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
			"src/books/models.py": "from sqlmodel import (\n    Field,\n    SQLModel,\n)\n\nclass Book(SQLModel, table=True):\n    title: str\n",
		}, want{"pydantic", "", false, false}},
		{"django project's own BaseModel is not pydantic", facts.Stack{Language: "python", Framework: "django"}, map[string]string{
			"BaseModels/models.py": "from django.db import models\nfrom pydantic_settings import BaseSettings\n\nclass BaseModel(models.Model):\n    created = models.DateTimeField(auto_now_add=True)\n",
			"Checkouts/models.py":  "from BaseModels.models import BaseModel\n\nclass Order(BaseModel):\n    total = models.DecimalField(max_digits=10, decimal_places=2)\n",
		}, want{"", "", false, false}},
		{"fastapi wildcard", facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
			"main.py": "from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_methods=[\"*\"])\n",
		}, want{"", "", true, true}},
		{"fastapi weak: names in comments only", facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
			"main.py": "# TODO: add slowapi and CORSMiddleware, class X(BaseModel)\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/items')\ndef create(item: dict):\n    return item\n",
		}, want{"", "", false, false}},
		{"django drf complete", facts.Stack{Language: "python", Framework: "django"}, map[string]string{
			"api/serializers.py": "from rest_framework import serializers\n\nclass BookSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = Book\n        fields = '__all__'\n",
			"config/settings.py": `INSTALLED_APPS = ["corsheaders", "rest_framework"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "100/day"},
}
`,
		}, want{"drf-serializers", "drf-throttling", true, false}},
		{"django allow all", facts.Stack{Language: "python", Framework: "django"}, map[string]string{
			"config/settings.py": "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\nCORS_ORIGIN_ALLOW_ALL = True\n",
			"shop/views.py":      "from django_ratelimit.decorators import ratelimit\n\n@ratelimit(key='ip', rate='5/m')\ndef login(request):\n    pass\n",
		}, want{"", "django-ratelimit", true, true}},
		{"django corsheaders installed but its middleware missing is no CORS", facts.Stack{Language: "python", Framework: "django"}, map[string]string{
			"config/settings.py": "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n    # 'corsheaders.middleware.CorsMiddleware',\n]\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOWED_ORIGINS = ['https://shop.example.com']\n",
		}, want{"", "", false, false}},
		{"django weak", facts.Stack{Language: "python", Framework: "django"}, map[string]string{
			"config/settings.py": "INSTALLED_APPS = ['django.contrib.admin']\nCORS_ALLOW_ALL_ORIGINS = False\n",
			"shop/views.py":      "from django.http import JsonResponse\n\ndef index(request):\n    return JsonResponse({})\n",
		}, want{"", "", false, false}},
		{"flask complete", facts.Stack{Language: "python", Framework: "flask"}, map[string]string{
			"app/__init__.py": `from flask import Flask
from flask_cors import CORS
from flask_limiter import Limiter
from marshmallow import Schema, fields

app = Flask(__name__)
CORS(app, resources={r"/api/*": {"origins": ["https://front.example.com"]}})
`,
		}, want{"marshmallow", "flask-limiter", true, false}},
		{"flask cors default is a wildcard", facts.Stack{Language: "python", Framework: "flask"}, map[string]string{
			"app.py": "from flask import Flask\nfrom flask_cors import CORS\nfrom flask_wtf import FlaskForm\napp = Flask(__name__)\nCORS(app)\n",
		}, want{"wtforms", "", true, true}},
		{"flask-restx expect with validate", facts.Stack{Language: "python", Framework: "flask"}, map[string]string{
			"app/main/controller/user_controller.py": "from flask import request\nfrom flask_restx import Resource\n\n@api.route('/')\nclass UserList(Resource):\n    @api.expect(_user, validate=True)\n    @api.response(201, 'User successfully created.')\n    def post(self):\n        return save_new_user(data=request.json)\n",
		}, want{"flask-restx", "", false, false}},
		{"flask-restx expect without validate", facts.Stack{Language: "python", Framework: "flask"}, map[string]string{
			"app/controller.py": "from flask_restx import Resource\n\n@api.route('/')\nclass UserList(Resource):\n    @api.expect(_user)\n    def post(self):\n        # validate=True later\n        return save(api.payload)\n",
		}, want{"", "", false, false}},
		{"flask weak", facts.Stack{Language: "python", Framework: "flask"}, map[string]string{
			"app.py": "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/todo', methods=['POST'])\ndef add():\n    return request.json\n",
		}, want{"", "", false, false}},
		{"spring java complete", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/java/com/shop/web/UserController.java": `package com.shop.web;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/users")
@CrossOrigin(origins = "https://shop.example.com")
public class UserController {
    @PostMapping
    public UserDto create(@Valid @RequestBody CreateUserRequest req) { return service.create(req); }
}
`,
			"src/main/java/com/shop/config/RateLimitFilter.java": "package com.shop.config;\n\nimport io.github.bucket4j.Bandwidth;\nimport io.github.bucket4j.Bucket;\n",
		}, want{"bean-validation", "bucket4j", true, false}},
		{"spring bare CrossOrigin allows all", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/java/com/a/PostController.java": "@CrossOrigin\n@RestController\npublic class PostController {}\n",
		}, want{"", "", true, true}},
		{"spring cors config wildcard", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/java/com/a/WebConfig.java": `@Configuration
public class WebConfig implements WebMvcConfigurer {
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**").allowedOrigins("*").allowedMethods("GET", "POST");
    }
}
`,
		}, want{"", "", true, true}},
		{"spring static asList wildcard", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/java/io/a/WebSecurityConfig.java": "import static java.util.Arrays.asList;\n\n@Bean\npublic CorsConfigurationSource corsConfigurationSource() {\n    final CorsConfiguration configuration = new CorsConfiguration();\n    configuration.setAllowedOrigins(asList(\"*\"));\n}\n",
		}, want{"", "", true, true}},
		{"spring kotlin complete", facts.Stack{Language: "kotlin", Framework: "spring-boot"}, map[string]string{
			"src/main/kotlin/com/a/NoteController.kt": `package com.a

import jakarta.validation.Valid
import io.github.resilience4j.ratelimiter.annotation.RateLimiter

@RestController
class NoteController(private val service: NoteService) {
    @RateLimiter(name = "notes")
    @PostMapping("/notes")
    fun create(@Valid @RequestBody body: NoteRequest) = service.create(body)
}
`,
			"src/main/kotlin/com/a/SecurityConfig.kt": "val config = CorsConfiguration().apply { allowedOrigins = listOf(\"https://notes.example.com\") }\n",
		}, want{"bean-validation", "resilience4j", true, false}},
		{"spring resilience4j in yaml", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/resources/application.yml": "resilience4j:\n  ratelimiter:\n    instances:\n      api:\n        limit-for-period: 10\n",
		}, want{"", "resilience4j", false, false}},
		{"spring weak", facts.Stack{Language: "java", Framework: "spring-boot"}, map[string]string{
			"src/main/java/com/a/ItemController.java": "// @Valid and @CrossOrigin would go here\n@RestController\npublic class ItemController {\n  @PostMapping(\"/items\") Item add(@RequestBody Item i) { return repo.save(i); }\n}\n",
		}, want{"", "", false, false}},
		{"express complete", facts.Stack{Language: "javascript", Framework: "express"}, map[string]string{
			"src/app.js": `const express = require('express');
const cors = require('cors');
const rateLimit = require('express-rate-limit');
const { body, validationResult } = require('express-validator');

const app = express();
app.use(cors({ origin: ['https://todo.example.com'], credentials: true }));
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
`,
		}, want{"express-validator", "express-rate-limit", true, false}},
		{"express cors() with no options", facts.Stack{Language: "javascript", Framework: "express"}, map[string]string{
			"index.js":           "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors());\n",
			"src/validation.mjs": "import Joi from 'joi';\nexport const user = Joi.object({ name: Joi.string().required() });\n",
		}, want{"joi", "", true, true}},
		{"express weak", facts.Stack{Language: "javascript", Framework: "express"}, map[string]string{
			"index.js": "// TODO cors, express-rate-limit, joi\nconst express = require('express');\nconst app = express();\napp.post('/users', (req, res) => res.json(req.body));\n",
		}, want{"", "", false, false}},
		{"nestjs complete", facts.Stack{Language: "typescript", Framework: "nestjs"}, map[string]string{
			"src/main.ts": `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  app.enableCors({ origin: process.env.FRONTEND_URL });
  await app.listen(3000);
}
`,
			"src/users/dto/create-user.dto.ts": "import { IsEmail, IsString } from 'class-validator';\n\nexport class CreateUserDto {\n  @IsEmail() email: string;\n}\n",
			"src/app.module.ts":                "import { ThrottlerModule } from '@nestjs/throttler';\n",
		}, want{"class-validator", "nestjs-throttler", true, false}},
		{"nestjs class-validator without ValidationPipe", facts.Stack{Language: "typescript", Framework: "nestjs"}, map[string]string{
			"src/main.ts":                "const app = await NestFactory.create(AppModule, { cors: true });\n",
			"src/dto/create-post.dto.ts": "import { IsString } from 'class-validator';\nexport class CreatePostDto { @IsString() title: string; }\n",
		}, want{"", "", true, true}},
		{"nestjs weak", facts.Stack{Language: "typescript", Framework: "nestjs"}, map[string]string{
			"src/main.ts": "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\nawait app.listen(3000);\n",
		}, want{"", "", false, false}},
		{"fastify js complete", facts.Stack{Language: "javascript", Framework: "fastify"}, map[string]string{
			"server.js": `const fastify = require('fastify')({ logger: true });
fastify.register(require('@fastify/cors'), { origin: ['https://app.example.com'] });
fastify.register(require('@fastify/rate-limit'), { max: 100, timeWindow: '1 minute' });
fastify.post('/users', { schema: { body: { type: 'object', required: ['email'] } } }, async (req) => req.body);
`,
		}, want{"fastify-schema", "fastify-rate-limit", true, false}},
		{"fastify ts wildcard", facts.Stack{Language: "typescript", Framework: "fastify"}, map[string]string{
			"src/app.ts":          "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { origin: '*' });\n",
			"src/routes/users.ts": "import { Type } from '@sinclair/typebox';\nexport const User = Type.Object({ name: Type.String() });\n",
		}, want{"typebox", "", true, true}},
		{"fastify weak", facts.Stack{Language: "typescript", Framework: "fastify"}, map[string]string{
			"src/app.ts": "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/health', async () => ({ ok: true }));\n",
		}, want{"", "", false, false}},
		{"schema: outside fastify is not validation", facts.Stack{Language: "javascript", Framework: "express"}, map[string]string{
			"src/graphql.js": "const server = new ApolloServer({ schema: buildSchema() });\n",
		}, want{"", "", false, false}},
		{"go net/http complete", facts.Stack{Language: "go", Framework: "net-http"}, map[string]string{
			"cmd/api/main.go": `package main

import (
	"net/http"

	"github.com/go-playground/validator/v10"
	"github.com/rs/cors"
	"golang.org/x/time/rate"
)

func main() {
	c := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}})
	http.ListenAndServe(":8080", c.Handler(mux))
}
`,
		}, want{"validator", "x-time-rate", true, false}},
		{"go net/http header wildcard", facts.Stack{Language: "go", Framework: "net-http"}, map[string]string{
			"main.go": "package main\n\nfunc withCORS(w http.ResponseWriter) {\n\tw.Header().Set(\"Access-Control-Allow-Origin\", \"*\")\n}\n",
		}, want{"", "", true, true}},
		{"gin complete", facts.Stack{Language: "go", Framework: "gin"}, map[string]string{
			"internal/handler/user.go": "package handler\n\ntype CreateUser struct {\n\tEmail string `json:\"email\" binding:\"required,email\"`\n}\n",
			"main.go": `package main

import (
	"github.com/gin-contrib/cors"
	limiter "github.com/ulule/limiter/v3"
	mgin "github.com/ulule/limiter/v3/drivers/middleware/gin"
)

func main() {
	r.Use(cors.New(cors.Config{AllowOrigins: []string{"https://app.example.com"}}))
}
`,
		}, want{"gin-binding", "ulule-limiter", true, false}},
		{"gin cors.Default is a wildcard", facts.Stack{Language: "go", Framework: "gin"}, map[string]string{
			"main.go": "package main\n\nimport \"github.com/gin-contrib/cors\"\n\nfunc main() {\n\tr.Use(cors.Default())\n}\n",
		}, want{"", "", true, true}},
		{"gin weak", facts.Stack{Language: "go", Framework: "gin"}, map[string]string{
			"main.go": "package main\n\n// binding:\"required\" would validate\ntype In struct{ Name string `json:\"name\"` }\n",
		}, want{"", "", false, false}},
		{"gin binding with validator v8 rules", facts.Stack{Language: "go", Framework: "gin"}, map[string]string{
			"users/validators.go": "package users\n\ntype UserModelValidator struct {\n\tEmail string `json:\"email\" binding:\"exists,email\"`\n}\n",
		}, want{"gin-binding", "", false, false}},
		{"frontend validation is not the API's", facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
			"frontend/src/components/AddUser.tsx": "import { z } from \"zod\"\n",
			"frontend/src/api.ts":                 "import { z } from 'zod';\nimport cors from 'cors';\n",
			"web/src/schema.js":                   "import * as yup from 'yup';\n",
			"backend/app/main.py":                 "from fastapi import FastAPI\napp = FastAPI()\n",
		}, want{"", "", false, false}},
		{"node frontend folder in a node backend", facts.Stack{Language: "typescript", Framework: "express"}, map[string]string{
			"client/src/form.ts": "import { z } from 'zod';\n",
			"server/src/app.ts":  "import express from 'express';\n",
		}, want{"", "", false, false}},
		{"echo complete", facts.Stack{Language: "go", Framework: "echo"}, map[string]string{
			"server.go": `package main

import (
	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4/middleware"
)

func main() {
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{"https://x.example.com"}}))
	e.Use(middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(20)))
}
`,
		}, want{"validator", "echo-rate-limiter", true, false}},
		{"echo default CORS is a wildcard", facts.Stack{Language: "go", Framework: "echo"}, map[string]string{
			"server.go": "package main\n\nfunc main() {\n\te.Use(middleware.CORS())\n}\n",
		}, want{"", "", true, true}},
		{"chi complete", facts.Stack{Language: "go", Framework: "chi"}, map[string]string{
			"main.go": `package main

import (
	"github.com/go-chi/cors"
	"github.com/go-chi/httprate"
	validation "github.com/go-ozzo/ozzo-validation/v4"
)

func main() {
	r.Use(cors.Handler(cors.Options{AllowedOrigins: []string{"https://*.example.com"}}))
	r.Use(httprate.LimitByIP(100, time.Minute))
}
`,
		}, want{"ozzo-validation", "httprate", true, false}},
		{"chi wildcard", facts.Stack{Language: "go", Framework: "chi"}, map[string]string{
			"main.go": "package main\n\nimport \"github.com/go-chi/cors\"\n\nfunc main() {\n\tr.Use(cors.Handler(cors.Options{\n\t\tAllowedOrigins: []string{\"*\"},\n\t}))\n}\n",
		}, want{"", "", true, true}},
		{"fiber complete", facts.Stack{Language: "go", Framework: "fiber"}, map[string]string{
			"main.go": `package main

import (
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/limiter"
)

type Signup struct {
	Email string ` + "`json:\"email\" validate:\"required,email\"`" + `
}

func main() {
	app.Use(cors.New(cors.Config{AllowOrigins: "https://app.example.com"}))
	app.Use(limiter.New())
}
`,
		}, want{"validator", "fiber-limiter", true, false}},
		{"fiber cors.New() is a wildcard", facts.Stack{Language: "go", Framework: "fiber"}, map[string]string{
			"main.go": "package main\n\nimport \"github.com/gofiber/fiber/v2/middleware/cors\"\n\nfunc main() { app.Use(cors.New()) }\n",
		}, want{"", "", true, true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := run(tc.stack, tc.files)
			s := f.Security
			got := want{s.Validation, s.RateLimit, s.CORS, s.CORSWildcard}
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			if s.Validation != "" && len(s.ValidationEvidence) == 0 ||
				s.RateLimit != "" && len(s.RateLimitEvidence) == 0 || s.CORS && len(s.CORSEvidence) == 0 {
				t.Errorf("finding without evidence: %+v", s)
			}
			for _, ev := range append(append(s.ValidationEvidence, s.RateLimitEvidence...), s.CORSEvidence...) {
				if _, ok := tc.files[ev.Path]; !ok || ev.Line < 1 {
					t.Errorf("bad evidence %+v", ev)
				}
			}
		})
	}
}

func TestEvidenceLine(t *testing.T) {
	f := run(facts.Stack{Language: "python", Framework: "fastapi"}, map[string]string{
		"main.py": "import os\n\nfrom slowapi import Limiter\napp.add_middleware(CORSMiddleware, allow_origins=['*'])\n",
	})
	if got := f.Security.RateLimitEvidence; !reflect.DeepEqual(got, []facts.Location{{Path: "main.py", Line: 3}}) {
		t.Errorf("rate limit evidence %+v", got)
	}
	if got := f.Security.CORSEvidence; len(got) == 0 || got[0] != (facts.Location{Path: "main.py", Line: 4}) {
		t.Errorf("cors evidence %+v", got)
	}
}

func TestEnvFiles(t *testing.T) {
	f := run(facts.Stack{}, map[string]string{
		".env": "", "backend/.env.production": "", "deploy/prod.env": "",
		".env.example": "", ".env.sample": "", ".env.template": "", ".env.dist": "", "src/env.ts": "",
		".envrc": "",
	})
	got := map[string]bool{}
	for _, p := range f.Security.EnvFiles {
		got[p] = true
	}
	want := map[string]bool{".env": true, "backend/.env.production": true, "deploy/prod.env": true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("env files %v, want %v", got, want)
	}
}

func TestGitignore(t *testing.T) {
	cases := []struct {
		name, content string
		ignored       bool
		line          int
	}{
		{"plain", "node_modules/\n.env\n", true, 2},
		{"glob star suffix", "__pycache__/\n*.env\n", true, 2},
		{"prefix glob", ".env*\n!.env.example\n", true, 1},
		{"rooted", "/.env\n", true, 1},
		{"any depth", "**/.env\n", true, 1},
		{"only local variants", ".env.local\n.env.*.local\n", false, 0},
		{"directory pattern is a virtualenv", ".env/\nvenv/\n", false, 0},
		{"comment", "# .env\n", false, 0},
		{"negated later", ".env*\n!.env\n", false, 0},
		{"none", "target/\n*.class\n", false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := run(facts.Stack{}, map[string]string{".gitignore": tc.content})
			if f.Security.EnvIgnored != tc.ignored {
				t.Fatalf("EnvIgnored = %v, want %v", f.Security.EnvIgnored, tc.ignored)
			}
			if tc.ignored && (len(f.Security.GitignoreEvidence) != 1 || f.Security.GitignoreEvidence[0].Line != tc.line) {
				t.Errorf("evidence %+v, want line %d", f.Security.GitignoreEvidence, tc.line)
			}
		})
	}
	// A .gitignore in a sub-folder (a monorepo's backend) counts too.
	f := run(facts.Stack{}, map[string]string{".gitignore": "dist/\n", "api/.gitignore": ".env\n"})
	if !f.Security.EnvIgnored {
		t.Error("api/.gitignore ignoring .env not seen")
	}
}

func TestBadInput(t *testing.T) {
	_ = run(facts.Stack{Language: "java", Framework: "fastify"}, map[string]string{
		"a.java":     "@CrossOrigin(",
		"b.kt":       "@CrossOrigin   ",
		"c.go":       "\xff\xfe\x00cors.New(",
		"d.ts":       "import x from 'cors",
		".gitignore": "[\n!\n\xff\n",
		"e.py":       "class A(BaseModel",
	})
}

// match asks the file's literal index before searching for a keyword: on
// a lent buffer that holds the keyword (in its own case or another) the
// answer must be the one the search of every keyword gives.
func TestKeywordGateKeepsEveryMatch(t *testing.T) {
	searchAll := func(s *signal, data []byte) int {
		first := -1
		for _, kw := range s.keywords {
			if i := bytes.Index(data, []byte(kw)); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		switch {
		case first < 0:
			return -1
		case s.fn != nil:
			return s.fn(data)
		case s.re != nil:
			if loc := s.re.FindIndex(data); loc != nil {
				return loc[0]
			}
			return -1
		}
		return first
	}
	for _, s := range allSignals {
		for _, kw := range s.keywords {
			for _, text := range []string{"x = 1\n" + kw + "\n", "a " + strings.ToUpper(kw) + " b\n" + kw} {
				data := []byte(text)
				x := scan.NewIndexed(data)
				x.Lend(1)
				got := s.match(data)
				x.Release()
				if want := searchAll(s, data); got != want {
					t.Errorf("%s on %q: %d lent, %d searching every keyword", s.name, text, got, want)
				}
			}
		}
	}
}
