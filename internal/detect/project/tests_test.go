package project

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestTests(t *testing.T) {
	cases := []struct {
		name        string
		stack       facts.Stack
		files       []scan.File
		wantFiles   int
		framework   string
		integration bool
		boilerplate int
	}{
		{
			name:  "fastapi with pytest and TestClient",
			stack: facts.Stack{Language: "python", Framework: "fastapi", Dependencies: deps("fastapi", "pytest")},
			files: []scan.File{
				file("tests/conftest.py", "import pytest\nfrom fastapi.testclient import TestClient\n\n@pytest.fixture\ndef client():\n    return TestClient(app)\n"),
				file("tests/__init__.py", ""),
				file("tests/test_items.py", "def test_create_item(client):\n    r = client.post(\"/items\", json={\"name\": \"x\"})\n    assert r.status_code == 201\n"),
				file("tests/test_users.py", "def test_list_users(client):\n    assert client.get('/users').status_code == 200\n"),
			},
			wantFiles: 2, framework: "pytest", integration: true,
		},
		{
			name:  "fastapi with only helpers and a comment",
			stack: facts.Stack{Language: "python", Framework: "fastapi", Dependencies: deps("fastapi")},
			files: []scan.File{
				file("tests/conftest.py", "# def test_something(): TestClient\nimport os\n"),
				file("tests/factories.py", "def make_user():\n    return {}\n"),
				file("app/main.py", "def test_mode():\n    pass\n"),
			},
			wantFiles: 0,
		},
		{
			name:  "django TestCase in tests.py with APIClient",
			stack: facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "djangorestframework")},
			files: []scan.File{
				file("blog/tests.py", "from django.test import TestCase\nfrom rest_framework.test import APIClient\n\nclass PostTests(TestCase):\n    def setUp(self):\n        self.client = APIClient()\n\n    def test_list(self):\n        self.assertEqual(self.client.get('/api/posts/').status_code, 200)\n"),
				file("shop/tests.py", "from django.test import TestCase\n\n# Create your tests here.\n"),
			},
			wantFiles: 1, framework: "django", integration: true,
		},
		{
			name:  "django with pytest-django counts as pytest",
			stack: facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "pytest-django")},
			files: []scan.File{
				file("pytest.ini", "[pytest]\nDJANGO_SETTINGS_MODULE = config.settings\n"),
				file("api/tests/test_models.py", "import pytest\n\n@pytest.mark.django_db\ndef test_str():\n    assert str(Post(title='a')) == 'a'\n"),
			},
			wantFiles: 1, framework: "pytest",
		},
		{
			name:  "flask unittest with test_client",
			stack: facts.Stack{Language: "python", Framework: "flask", Dependencies: deps("flask")},
			files: []scan.File{
				file("tests/test_api.py", "import unittest\nfrom app import create_app\n\nclass ApiTest(unittest.TestCase):\n    def setUp(self):\n        self.client = create_app().test_client()\n\n    def test_index(self):\n        self.assertEqual(self.client.get('/').status_code, 200)\n"),
			},
			wantFiles: 1, framework: "unittest", integration: true,
		},
		{
			name:  "spring boot maven with MockMvc",
			stack: facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: deps("spring-boot-starter-test")},
			files: []scan.File{
				file("src/test/java/com/acme/DemoApplicationTests.java", "package com.acme;\n\nimport org.junit.jupiter.api.Test;\nimport org.springframework.boot.test.context.SpringBootTest;\n\n@SpringBootTest\nclass DemoApplicationTests {\n\n\t@Test\n\tvoid contextLoads() {\n\t}\n\n}\n"),
				file("src/test/java/com/acme/web/OrderControllerTest.java", "package com.acme.web;\n\nimport org.junit.jupiter.api.Test;\n\n@WebMvcTest(OrderController.class)\nclass OrderControllerTest {\n  @Autowired MockMvc mvc;\n\n  @Test\n  void listsOrders() throws Exception {\n    mvc.perform(get(\"/api/orders\")).andExpect(status().isOk());\n  }\n}\n"),
				file("src/test/java/com/acme/TestData.java", "package com.acme;\n\nclass TestData {\n  static Order order() { return new Order(); }\n}\n"),
			},
			wantFiles: 1, framework: "junit", integration: true, boilerplate: 1,
		},
		{
			name:  "spring boot initializr test only",
			stack: facts.Stack{Language: "java", Framework: "spring-boot"},
			files: []scan.File{
				file("src/test/java/com/acme/DemoApplicationTests.java", "import org.junit.jupiter.api.Test;\n@SpringBootTest\nclass DemoApplicationTests {\n\t@Test\n\tvoid contextLoads() {\n\t}\n}\n"),
			},
			wantFiles: 0, boilerplate: 1,
		},
		{
			name:  "spring boot gradle kotlin with WebTestClient",
			stack: facts.Stack{Language: "kotlin", Framework: "spring-boot", BuildTool: "gradle"},
			files: []scan.File{
				file("src/test/kotlin/com/acme/BookApiTest.kt", "package com.acme\n\nimport org.junit.jupiter.api.Test\n\n@SpringBootTest(webEnvironment = RANDOM_PORT)\nclass BookApiTest(@Autowired val client: WebTestClient) {\n    @Test\n    fun `lists books`() {\n        client.get().uri(\"/books\").exchange().expectStatus().isOk\n    }\n    @Test\n    fun `finds a book`() {}\n}\n"),
			},
			wantFiles: 1, framework: "junit", integration: true,
		},
		{
			name:  "express jest with supertest",
			stack: facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "jest", "supertest")},
			files: []scan.File{
				file("package.json", `{"scripts": {"test": "jest --coverage"}}`),
				file("__tests__/users.test.js", "const request = require('supertest');\nconst app = require('../app');\n\ndescribe('GET /users', () => {\n  it('returns users', async () => {\n    const res = await request(app).get('/users');\n    expect(res.statusCode).toBe(200);\n  });\n});\n"),
				file("src/utils/math.test.js", "test('adds', () => { expect(1 + 1).toBe(2); });\n"),
			},
			wantFiles: 2, framework: "jest", integration: true,
		},
		{
			name:  "express e2e with axios against the running server",
			stack: facts.Stack{Language: "typescript", Framework: "express", Dependencies: deps("express", "jest")},
			files: []scan.File{
				file("e2e/src/server/server.spec.ts", "import axios from 'axios';\n\ndescribe('GET /', () => {\n  it('returns a message', async () => {\n    const res = await axios.get(`/`);\n    expect(res.status).toBe(200);\n  });\n});\n"),
				file("src/client.spec.ts", "jest.mock('axios');\ntest('calls the weather api', async () => {\n  await axios.get(weatherUrl);\n});\n"),
			},
			wantFiles: 2, framework: "jest", integration: true,
		},
		{
			name:  "fastify node:test with fetch against the listening server",
			stack: facts.Stack{Language: "javascript", Framework: "fastify", Dependencies: deps("fastify")},
			files: []scan.File{
				file("tests/auth/auth.test.js", "import build from \"../../app.js\";\nimport { test } from \"node:test\";\n\ntest(\"Test signin\", async (t) => {\n  const fastify = await build();\n  t.after(() => fastify.close());\n  await fastify.listen();\n  const url = \"http://localhost:\" + fastify.server.address().port;\n  const response = await fetch(url + \"/v1/auth/signin\", { method: \"POST\" });\n  t.assert.strictEqual(response.status, 401);\n});\n"),
			},
			wantFiles: 1, framework: "node-test", integration: true,
		},
		{
			name:  "a unit test that mocks fetch is no http test",
			stack: facts.Stack{Language: "javascript", Framework: "fastify", Dependencies: deps("fastify")},
			files: []scan.File{
				file("test/services/sentiment.test.js", "import { test } from \"node:test\";\n\ntest(\"scores text\", async (t) => {\n  globalThis.fetch = t.mock.fn(async () => ({ ok: true, json: async () => ({ score: 1 }) }));\n  const r = await sentiment(\"well done\");\n  t.assert.strictEqual(r.score, 1);\n});\n"),
			},
			wantFiles: 1, framework: "node-test",
		},
		{
			name:  "express mocha without http tests",
			stack: facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "mocha", "chai")},
			files: []scan.File{
				file("package.json", `{"scripts": {"test": "mocha --recursive"}}`),
				file("test/price.spec.js", "const { expect } = require('chai');\ndescribe('price', function () {\n  it('rounds', function () { expect(round(1.005)).to.equal(1.01); });\n});\n"),
				file("test/helpers.js", "module.exports = { it: 1 };\n"),
			},
			wantFiles: 1, framework: "mocha",
		},
		{
			name:  "nestjs default specs are boilerplate",
			stack: facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "jest")},
			files: []scan.File{
				file("src/app.controller.spec.ts", "import { Test, TestingModule } from '@nestjs/testing';\n\ndescribe('AppController', () => {\n  let appController: AppController;\n  describe('root', () => {\n    it('should return \"Hello World!\"', () => {\n      expect(appController.getHello()).toBe('Hello World!');\n    });\n  });\n});\n"),
				file("test/app.e2e-spec.ts", "import * as request from 'supertest';\ndescribe('AppController (e2e)', () => {\n  it('/ (GET)', () => {\n    return request(app.getHttpServer()).get('/').expect(200).expect('Hello World!');\n  });\n});\n"),
			},
			wantFiles: 0, boilerplate: 2,
		},
		{
			name:  "nestjs real e2e",
			stack: facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "jest")},
			files: []scan.File{
				file("test/orders.e2e-spec.ts", "import { Test } from '@nestjs/testing';\nimport request from 'supertest';\n\ndescribe('Orders (e2e)', () => {\n  it('POST /orders rejects an empty body', () => {\n    return request(app.getHttpServer()).post('/orders').send({}).expect(400);\n  });\n});\n"),
				file("src/orders/orders.service.spec.ts", "describe('OrdersService', () => {\n  it('computes totals', () => { expect(total([])).toBe(0); });\n});\n"),
			},
			wantFiles: 2, framework: "jest", integration: true,
		},
		{
			name:  "fastify typescript vitest inject",
			stack: facts.Stack{Language: "typescript", Framework: "fastify", Dependencies: deps("fastify", "vitest")},
			files: []scan.File{
				file("test/routes/health.test.ts", "import { test, expect } from 'vitest';\nimport { build } from '../helper';\n\ntest('health', async () => {\n  const app = await build();\n  const res = await app.inject({ method: 'GET', url: '/health' });\n  expect(res.statusCode).toBe(200);\n});\n"),
			},
			wantFiles: 1, framework: "vitest", integration: true,
		},
		{
			name:  "fastify javascript node test runner",
			stack: facts.Stack{Language: "javascript", Framework: "fastify", Dependencies: deps("fastify")},
			files: []scan.File{
				file("package.json", `{"scripts": {"test": "node --test test/"}}`),
				file("test/root.test.js", "'use strict'\nconst { test } = require('node:test')\nconst assert = require('node:assert')\n\ntest('default root route', async (t) => {\n  const res = await app.inject({ url: '/' })\n  assert.deepStrictEqual(JSON.parse(res.payload), { root: true })\n})\n"),
			},
			wantFiles: 1, framework: "node-test", integration: true,
		},
		{
			name:  "go net/http with httptest",
			stack: facts.Stack{Language: "go", Framework: "net-http"},
			files: []scan.File{
				file("internal/api/handlers_test.go", "package api\n\nimport (\n\t\"net/http/httptest\"\n\t\"testing\"\n)\n\nfunc TestListTodos(t *testing.T) {\n\trec := httptest.NewRecorder()\n\tsrv.ServeHTTP(rec, httptest.NewRequest(\"GET\", \"/todos\", nil))\n}\n"),
				file("internal/store/store_test.go", "package store\n\nimport \"testing\"\n\nfunc TestInsert(t *testing.T) {}\n"),
				file("internal/store/testutil_test.go", "package store\n\n// helpers only\nfunc newDB() {}\n"),
			},
			wantFiles: 2, framework: "go-test", integration: true,
		},
		{
			name:      "gin unit tests only",
			stack:     facts.Stack{Language: "go", Framework: "gin"},
			files:     []scan.File{file("service/price_test.go", "package service\n\nimport \"testing\"\n\nfunc TestPrice(t *testing.T) {\n\t// httptest later\n}\n")},
			wantFiles: 1, framework: "go-test",
		},
		{
			name:  "echo, chi and fiber tests",
			stack: facts.Stack{Language: "go", Framework: "fiber"},
			files: []scan.File{
				file("handlers/user_test.go", "package handlers\n\nimport \"testing\"\n\nfunc TestGetUser(t *testing.T) {\n\tresp, _ := app.Test(req)\n\t_ = resp\n}\n"),
				file("suite_test.go", "package main\n\nfunc (s *APISuite) TestCreate() {\n}\n"),
			},
			wantFiles: 2, framework: "go-test", integration: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, c.stack, c.files...)
			if f.Tests.Files != c.wantFiles || f.Tests.Framework != c.framework || f.Tests.Integration != c.integration || f.Tests.Boilerplate != c.boilerplate {
				t.Errorf("got files=%d framework=%q integration=%v boilerplate=%d; want %d %q %v %d",
					f.Tests.Files, f.Tests.Framework, f.Tests.Integration, f.Tests.Boilerplate,
					c.wantFiles, c.framework, c.integration, c.boilerplate)
			}
			if c.wantFiles > 0 && (len(f.Tests.Evidence) == 0 || f.Tests.Evidence[0].Line == 0) {
				t.Errorf("no evidence with a line: %+v", f.Tests.Evidence)
			}
		})
	}
}

func TestTestsEvidenceLine(t *testing.T) {
	f := run(t, facts.Stack{Language: "python"}, file("tests/test_a.py", "import x\n\n\ndef test_a():\n    pass\n"))
	if got := f.Tests.Evidence; len(got) != 1 || got[0] != (facts.Location{Path: "tests/test_a.py", Line: 4}) {
		t.Errorf("evidence = %+v", got)
	}
}
