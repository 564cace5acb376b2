package code

import (
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestRoutesFastAPI(t *testing.T) {
	f := run(t, stackOf("python", "fastapi", "fastapi"),
		"app/main.py", `
from fastapi import FastAPI
from app.routers import users, items

app = FastAPI(title="Shop")
app.include_router(users.router, prefix="/api/v1")
app.include_router(items.router)

@app.get("/health")
def health():
    """Example: @app.get("/not-a-route") in a docstring."""
    return {"ok": True}
`,
		"app/routers/users.py", `
from fastapi import APIRouter, Depends, HTTPException

router = APIRouter(prefix="/users", tags=["users"])

@router.get("/")
async def list_users(skip: int = 0, limit: int = 10):
    return []

@router.get("/{user_id}", response_model=UserOut)
async def get_user(user_id: int):
    ...

@router.post("/", status_code=201)
async def create_user(user: UserIn):
    ...
`,
		"app/routers/items.py", `
from fastapi import APIRouter
router = APIRouter()

@router.api_route("/items/{item_id}", methods=["PUT", "PATCH"])
def update_item(item_id: int): ...

# @router.delete("/items/{item_id}") is commented out
`,
		"tests/test_users.py", `
@app.get("/only-in-tests")
def x(): ...
`)
	wantRoutes(t, f,
		"GET /health",
		"GET /api/v1/users",
		"GET /api/v1/users/{user_id}",
		"POST /api/v1/users",
		"PUT /items/{item_id}",
		"PATCH /items/{item_id}",
	)
	if !slices.Equal(f.Routes.Resources, []string{"items", "users"}) {
		t.Errorf("resources = %q", f.Routes.Resources)
	}
	if f.Routes.Methods["GET"] != 3 || len(f.Routes.Evidence) == 0 {
		t.Errorf("methods = %v, evidence %v", f.Routes.Methods, f.Routes.Evidence)
	}
}

func TestRoutesFlask(t *testing.T) {
	f := run(t, stackOf("python", "flask", "flask", "flask-restful"),
		"app/__init__.py", `
from flask import Flask
from .auth import bp as auth_bp
from .api import books

def create_app():
    app = Flask(__name__)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(books.bp, url_prefix="/books")
    return app
`,
		"app/api/books.py", `
from flask import Blueprint, jsonify
bp = Blueprint("books", __name__)

@bp.route("/", methods=["GET", "POST"])
def books():
    return jsonify([])

@bp.route("/<int:book_id>")
def book(book_id):
    ...

@bp.delete("/<int:book_id>")
def delete(book_id): ...
`,
		"app/resources.py", `
from flask_restful import Resource, Api
api = Api()

class AuthorList(Resource):
    def get(self):
        return []

    def post(self):
        return {}, 201

api.add_resource(AuthorList, "/authors", "/writers")
`,
		"docs/conf.py", `config = {"path": "/x"}
x = settings.get("/flag", None)
`)
	wantRoutes(t, f,
		"GET /books", "POST /books", "GET /books/{book_id}", "DELETE /books/{book_id}",
		"GET /authors", "POST /authors", "GET /writers", "POST /writers",
	)
}

func TestRoutesFlaskRestx(t *testing.T) {
	f := run(t, stackOf("python", "flask", "flask-restx"),
		"api/todos.py", `
from flask_restx import Namespace, Resource
ns = Namespace("todos", description="TODO operations")

@ns.route("/")
class TodoList(Resource):
    @ns.doc("list_todos")
    def get(self):
        return []

    def post(self):
        return {}, 201

@ns.route("/<int:id>")
class Todo(Resource):
    def get(self, id): ...
    def delete(self, id): ...
`)
	wantRoutes(t, f, "GET /todos", "POST /todos", "GET /todos/{id}", "DELETE /todos/{id}")
}

func TestRoutesDjangoDRF(t *testing.T) {
	f := run(t, stackOf("python", "django", "django", "djangorestframework"),
		"config/urls.py", `
from django.contrib import admin
from django.urls import path, include

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("blog.urls")),
    path("health/", views.health),
]
`,
		"blog/urls.py", `
from django.urls import path, re_path, include
from rest_framework.routers import DefaultRouter
from . import views

router = DefaultRouter()
router.register(r"posts", views.PostViewSet, basename="post")
router.register(r"tags", views.TagViewSet)
router.register(r"things", views.Unknown)

urlpatterns = [
    path("", include(router.urls)),
    path("comments/", views.CommentList.as_view()),
    path("comments/<int:pk>/", views.CommentDetail.as_view()),
    re_path(r"^authors/(?P<pk>[0-9]+)/$", views.author_detail),
]
`,
		"blog/views.py", `
from rest_framework import viewsets, generics, mixins
from rest_framework.decorators import api_view, action

class PostViewSet(viewsets.ModelViewSet):
    queryset = Post.objects.all()

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        ...

class TagViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Tag.objects.all()

class CommentList(generics.ListCreateAPIView):
    serializer_class = CommentSerializer

class CommentDetail(APIView):
    def get(self, request, pk): ...
    def delete(self, request, pk): ...

@api_view(["GET", "PUT"])
def author_detail(request, pk):
    ...
`)
	wantRoutes(t, f,
		"ANY /health",
		"GET /api/posts", "POST /api/posts", "GET /api/posts/{pk}", "PUT /api/posts/{pk}",
		"PATCH /api/posts/{pk}", "DELETE /api/posts/{pk}", "POST /api/posts/{pk}/publish",
		"GET /api/tags", "GET /api/tags/{pk}",
		"GET /api/things", "POST /api/things", "GET /api/things/{pk}", "PUT /api/things/{pk}",
		"PATCH /api/things/{pk}", "DELETE /api/things/{pk}",
		"GET /api/comments", "POST /api/comments", "GET /api/comments/{pk}", "DELETE /api/comments/{pk}",
		"GET /api/authors/{pk}", "PUT /api/authors/{pk}",
	)
	if !slices.Equal(f.Routes.Resources, []string{"authors", "comments", "posts", "tags", "things"}) {
		t.Errorf("resources = %q", f.Routes.Resources)
	}
}

func TestRoutesSpring(t *testing.T) {
	f := run(t, stackOf("java", "spring-boot", "spring-boot-starter-web"),
		"src/main/java/com/acme/web/OrderController.java", `
package com.acme.web;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "Orders")
public class OrderController {
    // @GetMapping("/commented") is not a route

    @GetMapping
    public Page<OrderDto> list(Pageable pageable) { return service.list(pageable); }

    @GetMapping("/{id}")
    public OrderDto get(@PathVariable Long id) { return service.get(id); }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    public OrderDto create(@Valid @RequestBody OrderDto dto) { return service.create(dto); }

    @RequestMapping(value = {"/{id}", "/{id}/replace"}, method = RequestMethod.PUT)
    public OrderDto update(@PathVariable Long id, @RequestBody OrderDto dto) { return null; }

    @DeleteMapping(path = "/{id:\\d+}")
    public void delete(@PathVariable Long id) {}
}
`,
		"src/main/kotlin/com/acme/web/CustomerController.kt", `
@RestController
@RequestMapping(value = ["/api/v1/customers"])
class CustomerController(private val service: CustomerService) {
    @GetMapping("/{id}")
    fun get(@PathVariable id: Long): CustomerDto = service.get(id)

    @PatchMapping("/{id}")
    fun patch(@PathVariable id: Long) {}
}
`,
		"src/main/java/com/acme/client/BillingClient.java", `
@FeignClient(name = "billing")
public interface BillingClient {
    @GetMapping("/invoices/{id}")
    Invoice get(@PathVariable Long id);
}
`)
	wantRoutes(t, f,
		"GET /api/orders", "GET /api/orders/{id}", "POST /api/orders", "PUT /api/orders/{id}",
		"PUT /api/orders/{id}/replace", "DELETE /api/orders/{id}",
		"GET /api/v1/customers/{id}", "PATCH /api/v1/customers/{id}",
	)
	if !slices.Equal(f.Routes.Resources, []string{"customers", "orders"}) {
		t.Errorf("resources = %q", f.Routes.Resources)
	}
}

func TestRoutesSpringStaticImport(t *testing.T) {
	f := run(t, stackOf("java", "spring-boot"), "src/main/java/io/x/UsersApi.java", `
import static org.springframework.web.bind.annotation.RequestMethod.POST;

@RestController
public class UsersApi {
  @RequestMapping(path = "/users/login", method = POST)
  public ResponseEntity login() { return null; }

  @RequestMapping(value = "/users", method = {RequestMethod.GET, RequestMethod.HEAD})
  public ResponseEntity list() { return null; }
}
`)
	wantRoutes(t, f, "POST /users/login", "GET /users", "HEAD /users")
}

func TestRoutesExpress(t *testing.T) {
	f := run(t, stackOf("javascript", "express", "express"),
		"src/app.js", `
const express = require('express');
const usersRouter = require('./routes/users');
const { router: productRouter } = require('./routes/products');
const app = express();
const config = require('./config');

app.use(express.json());
app.use('/api/users', auth, usersRouter);
app.use('/api/products', require('./routes/products'));

app.get('/health', (req, res) => res.json({ status: 'ok' }));
const port = config.get('port', 3000);
// app.get('/commented', handler)
axios.get('/api/remote', { params });
`,
		"src/routes/users.js", `
const router = require('express').Router();
router.get('/', list);
router.get('/:id', show);
router.route('/:id/avatar')
  .put(upload.single('file'), setAvatar)
  .delete(removeAvatar);
module.exports = router;
`,
		"src/routes/products.js", `
const router = express.Router();
router.post("/", validate(schema), create);
router.get("/:id(\\d+)", show);
module.exports = router;
`,
		"src/routes/orders.routes.js", `
const router = express.Router();
router.get('/', list);
router.patch('/:orderId', update);
`)
	wantRoutes(t, f,
		"GET /health",
		"GET /api/users", "GET /api/users/{id}", "PUT /api/users/{id}/avatar", "DELETE /api/users/{id}/avatar",
		"POST /api/products", "GET /api/products/{id}",
		"GET /orders", "PATCH /orders/{orderId}",
	)
}

func TestRoutesNest(t *testing.T) {
	f := run(t, stackOf("typescript", "nestjs", "@nestjs/core"),
		"src/cats/cats.controller.ts", `
import { Controller, Get, Post, Body, Param, Delete, NotFoundException } from '@nestjs/common';

@Controller('cats')
export class CatsController {
  constructor(private readonly catsService: CatsService) {}

  @Post()
  create(@Body() dto: CreateCatDto) { return this.catsService.create(dto); }

  @Get()
  findAll(@Query() q: PaginationDto) { return this.catsService.findAll(q); }

  @Get(':id')
  findOne(@Param('id') id: string) { return this.catsService.findOne(+id); }

  @Delete(':id')
  remove(@Param('id') id: string) {}
}
`,
		"src/app.controller.ts", `
@Controller()
export class AppController {
  @Get('health')
  health() { return { status: 'ok' }; }
}
`)
	wantRoutes(t, f, "POST /cats", "GET /cats", "GET /cats/{id}", "DELETE /cats/{id}", "GET /health")
}

func TestRoutesFastify(t *testing.T) {
	f := run(t, stackOf("typescript", "fastify", "fastify"),
		"src/server.ts", `
import Fastify from 'fastify';
import userRoutes from './routes/users';
const fastify = Fastify({ logger: true });
fastify.register(userRoutes, { prefix: '/users' });
fastify.get('/ping', async () => 'pong');
fastify.route({
  method: ['GET', 'HEAD'],
  url: '/books/:id',
  handler: async (req, reply) => ({}),
});
`,
		"src/routes/users.ts", `
export default async function (fastify: FastifyInstance) {
  fastify.get('/', async () => []);
  fastify.post('/', { schema }, async (req, reply) => reply.code(201).send({}));
}
`,
		"src/plugins/config.js", `
module.exports = async (fastify) => { fastify.get('port'); }
`)
	wantRoutes(t, f, "GET /ping", "GET /books/{id}", "HEAD /books/{id}", "GET /users", "POST /users")
}

// The Fastify RealWorld style: route objects whose url is the plugin's
// prefix plus a literal, in a plugin registered with { prefix }.
func TestRoutesFastifyPrefixedObjects(t *testing.T) {
	f := run(t, stackOf("javascript", "fastify", "fastify"),
		"lib/routes/articles/index.js", `
const fp = require('fastify-plugin')

async function articles (server, options, done) {
  server.route({
    method: 'GET',
    path: options.prefix + 'articles',
    onRequest: [server.authenticate_optional],
    schema: schema.getArticles,
    handler: onGetArticles
  })
  server.route({
    method: 'DELETE',
    url: options.prefix + 'articles/:slug',
    handler: onDeleteArticle
  })
  server.route({
    method: 'PUT',
    url: `+"`${options.prefix}/articles/:slug`"+`,
    handler: onPutArticle
  })
  server.route({
    method: 'GET',
    url: options.url,
    handler: proxied
  })
}
module.exports = fp(articles)
`)
	wantRoutes(t, f, "GET /articles", "DELETE /articles/{slug}", "PUT /articles/{slug}")
}

func TestRoutesGo(t *testing.T) {
	cases := []struct {
		name string
		fw   string
		file string
		want []string
	}{
		{"net/http", "net-http", `
package main

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", getUser)
	mux.HandleFunc("POST /users", createUser)
	mux.HandleFunc("/healthz", health)
	resp, _ := http.Get("https://example.com/x")
	_ = os.Getenv("PORT")
	http.ListenAndServe(":8080", mux)
}
`, []string{"GET /users/{id}", "POST /users", "ANY /healthz"}},
		{"net/http default mux", "net-http", `
package main

func main() {
	http.HandleFunc("GET /books", listBooks)
	http.HandleFunc("POST /books", createBook)
	http.Handle("/static/", http.StripPrefix("/static/", fs))
	resp, err := http.Post("https://hooks.example.com/notify", "application/json", body)
	req, _ := http.NewRequest("DELETE", "https://api.example.com/x", nil)
	http.Head("https://example.com")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
`, []string{"GET /books", "POST /books", "ANY /static"}},
		{"routegroup To with a method list", "net-http", `
package main

func main() {
	mux := http.NewServeMux()
	r := routegroup.New(mux)
	r.To("GET,HEAD", "/healthcheck", healthHandler)
	r.To("POST", "/books", createBook)
	job.To("done", "/not/a/route", x)
	http.ListenAndServe(":8080", r)
}
`, []string{"GET /healthcheck", "HEAD /healthcheck", "POST /books"}},
		{"net/http client calls only", "net-http", `
package main

func sync() error {
	resp, err := http.Post("https://api.example.com/sync", "application/json", body)
	if err != nil {
		return err
	}
	_, err = http.Get("https://api.example.com/items")
	return err
}
`, nil},
		{"gin", "gin", `
package main

func setup() *gin.Engine {
	r := gin.Default()
	api := r.Group("/api/v1")
	users := api.Group("/users")
	users.GET("", listUsers)
	users.GET("/:id", getUser)
	users.POST("", createUser)
	r.GET("/ping", func(c *gin.Context) { c.JSON(200, gin.H{"v": c.Get("user")}) })
	return r
}
`, []string{"GET /api/v1/users", "GET /api/v1/users/{id}", "POST /api/v1/users", "GET /ping"}},
		{"echo", "echo", `
package main

func main() {
	e := echo.New()
	g := e.Group("/api")
	g.GET("/articles", list)
	g.PUT("/articles/:slug", update)
	e.DELETE("/articles/:slug", remove)
}
`, []string{"GET /api/articles", "PUT /api/articles/{slug}", "DELETE /articles/{slug}"}},
		{"chi", "chi", `
package main

func routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	r.Get("/health", health)
	r.Route("/todos", func(r chi.Router) {
		r.Get("/", list)
		r.Post("/", create)
		r.Route("/{todoID}", func(r chi.Router) {
			r.Get("/", get)
			r.With(auth).Delete("/", remove)
		})
	})
	return r
}
`, []string{"GET /health", "GET /todos", "POST /todos", "GET /todos/{todoID}", "DELETE /todos/{todoID}"}},
		{"fiber", "fiber", `
package main

func main() {
	app := fiber.New()
	api := app.Group("/api")
	api.Get("/books", list)
	api.Post("/books", create)
	app.Listen(":3000")
}
`, []string{"GET /api/books", "POST /api/books"}},
		{"gorilla", "gorilla", `
package main

func main() {
	r := mux.NewRouter()
	s := r.PathPrefix("/api").Subrouter()
	s.HandleFunc("/notes/{id}", getNote).Methods("GET")
	s.HandleFunc("/notes", createNote).Methods(http.MethodPost, "PUT")
}
`, []string{"GET /api/notes/{id}", "PUT /api/notes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf("go", c.fw), "main.go", c.file)
			wantRoutes(t, f, c.want...)
		})
	}
}

func TestRoutesGoHandlerFile(t *testing.T) {
	f := run(t, stackOf("go", "gin"),
		"internal/http/user_handler.go", `
package http

func RegisterUserRoutes(rg *gin.RouterGroup, h *UserHandler) {
	rg.GET("/", h.List)
	rg.GET("/:id", h.Get)
}
`)
	wantRoutes(t, f, "GET /user", "GET /user/{id}")
}

func TestNoRoutesInNonRouteCode(t *testing.T) {
	f := run(t, stackOf("javascript", "express"),
		"src/config.js", `
const port = config.get('port');
const x = map.get('/key', 1);
/* app.get('/commented', h) */
const doc = "app.get('/in-a-string-without-comma')";
`,
		"web/src/api.ts", `
export const fetchUsers = () => axios.get('/api/users', { params });
`,
		"README.md", "app.get('/readme', h)",
		"main.go", `
package main
// r.GET("/commented", h)
func main() { resp, _ := http.Get("/relative", nil); _ = viper.Get("x") }
`)
	wantRoutes(t, f)
	if len(f.Routes.Resources) != 0 {
		t.Errorf("resources = %q", f.Routes.Resources)
	}
}

func TestRoutesGoRegisterFunctions(t *testing.T) {
	f := run(t, stackOf("go", "gin"),
		"hello.go", `
package main

func main() {
	r := gin.Default()
	v1 := r.Group("/api")
	users.UsersRegister(v1.Group("/users"))
	articles.ArticlesRegister(v1.Group("/articles"))
	r.Run()
}
`,
		"users/routers.go", `
package users

func UsersRegister(router *gin.RouterGroup) {
	router.POST("/", UsersRegistration)
	router.POST("/login", UsersLogin)
}
`,
		"articles/routers.go", `
package articles

func ArticlesRegister(router *gin.RouterGroup) {
	router.GET("/:slug", ArticleRetrieve)
	router.PUT("/:slug", ArticleUpdate)
}
`,
		"tags/routers.go", `
package tags

func TagsAnonymousRegister(router *gin.RouterGroup) {
	router.GET("/", TagList)
}
`)
	wantRoutes(t, f, "POST /api/users", "POST /api/users/login", "GET /api/articles/{slug}", "PUT /api/articles/{slug}", "GET /tags")
}

// The detector reuses its scratch buffers (the docstring-blanked copy, the
// line table) from file to file: a later file must not see an earlier
// one's text, a file without docstrings is read in place and left as it
// was, and the line numbers are each file's own.
func TestScratchBuffersDoNotLeakBetweenFiles(t *testing.T) {
	long := "\n\n\n\n\n\n\n\n\n\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n\n\n\n" +
		"@router.get(\"/long\")\ndef a():\n    \"\"\"@router.get(\"/in-docstring\") is no route.\"\"\"\n    return 1\n"
	// Longer than long in bytes (its comment), fewer lines before its route.
	short := "from fastapi import APIRouter\nrouter = APIRouter()\n@router.post(\"/short\")\ndef b():\n    return 2\n# " + strings.Repeat("x", 300) + "\n"
	// As the collector does: Code is the blanked copy all detectors share.
	file := func(p, text string) scan.File {
		return scan.File{Path: p, Data: []byte(text), Code: scan.Code([]byte(text), "python")}
	}
	shortFile := file("app/short.py", short)
	d := New()
	d.Scan(file("app/long.py", long))
	d.Scan(shortFile)
	d.Scan(file("app/long2.py", long))
	if string(shortFile.Code) != string(scan.Code([]byte(short), "python")) {
		t.Errorf("the file without docstrings was written to:\n%s", shortFile.Code)
	}
	inv := &facts.Facts{Stack: stackOf("python", "fastapi", "fastapi")}
	d.Finish(inv)
	wantRoutes(t, inv, "GET /long", "POST /short")
	lines := map[string]int{}
	for _, r := range d.(*detector).rt.resolved {
		lines[r.loc.Path] = r.loc.Line
	}
	if lines["app/long.py"] != 19 || lines["app/short.py"] != 3 || lines["app/long2.py"] != 0 {
		t.Errorf("route lines = %v, want long.py:19 short.py:3 (long2.py's route is a duplicate)", lines)
	}
}

// A project whose only routes are its client's has no route list at all
// (nil, as with no route), however the list's array was sized.
func TestNoServedRouteLeavesTheListNil(t *testing.T) {
	for _, files := range [][]string{
		{"app/util.py", "def helper():\n    return 1\n"},
		{"client/api.py", "from fastapi import FastAPI\napp = FastAPI()\n@app.get(\"/x\")\ndef x():\n    return 1\n",
			"client/index.html", "<html></html>"},
	} {
		d := New()
		for i := 0; i < len(files); i += 2 {
			d.Scan(scan.File{Path: files[i], Data: []byte(files[i+1])})
		}
		inv := &facts.Facts{Stack: stackOf("python", "fastapi", "fastapi")}
		d.Finish(inv)
		if inv.Routes.List != nil || inv.Endpoints != 0 {
			t.Errorf("%s: routes %#v (%d endpoints), want a nil list", files[0], inv.Routes.List, inv.Endpoints)
		}
	}
}
