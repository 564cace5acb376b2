package openapi

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func deps(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

const fastapiMain = `from fastapi import FastAPI, APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

app = FastAPI(title="Todo API")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
router = APIRouter(prefix="/todos")

@router.get("/", summary="List todos", response_model=list[TodoOut])
async def list_todos(db=Depends(get_db)):
    return db.query(Todo).all()

@router.get("/{todo_id}", responses={404: {"description": "Not found"}})
async def get_todo(todo_id: int):
    """Return one todo."""
    raise HTTPException(status_code=404)

@router.delete("/{todo_id}")
async def delete_todo(todo_id: int, token: str = Depends(oauth2_scheme)):
    pass
`

func TestGenerators(t *testing.T) {
	tests := []struct {
		name      string
		stack     facts.Stack
		files     map[string]string
		kind, gen string
		ops, desc int
		errs      int
		schemes   bool
	}{
		{"fastapi built in", facts.Stack{Language: "python", Framework: "fastapi"},
			map[string]string{"app/main.py": fastapiMain}, kindGenerated, "fastapi", 3, 2, 1, true},
		{"fastapi router-level error responses", facts.Stack{Language: "python", Framework: "fastapi"},
			map[string]string{"app/main.py": "from fastapi import FastAPI, APIRouter\napp = FastAPI()\n" +
				"router = APIRouter(prefix=\"/items\", responses={404: {\"model\": ErrorOut}})\n\n" +
				"@router.get(\"/\")\ndef items():\n    return []\n\n@router.post(\"/\")\ndef add():\n    return {}\n"},
			kindGenerated, "fastapi", 2, 0, 2, false},
		{"fastapi HTTPBearer subclass", facts.Stack{Language: "python", Framework: "fastapi"},
			map[string]string{
				"src/__init__.py": "from fastapi import FastAPI\napp = FastAPI(title='Bookly')\n",
				"src/auth/dependencies.py": "from fastapi import Request\nfrom fastapi.security import HTTPBearer\n\n\n" +
					"class TokenBearer(HTTPBearer):\n    async def __call__(self, request: Request):\n        return await super().__call__(request)\n",
			}, kindGenerated, "fastapi", 0, 0, 0, true},
		{"fastapi class deriving from a project base only", facts.Stack{Language: "python", Framework: "fastapi"},
			map[string]string{
				"src/__init__.py":          "from fastapi import FastAPI\napp = FastAPI(title='Bookly')\n",
				"src/auth/dependencies.py": "from fastapi import Request\n\n\n# class TokenBearer(HTTPBearer):\nclass TokenBearer(BaseBearer):\n    pass\n",
			}, kindGenerated, "fastapi", 0, 0, 0, false},
		{"fastapi docs disabled", facts.Stack{Language: "python", Framework: "fastapi"},
			map[string]string{"main.py": "from fastapi import FastAPI\napp = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)\n@app.get('/')\ndef root():\n    return {}\n"},
			kindNone, "fastapi", 0, 0, 0, false},
		{"fastapi in a comment only", facts.Stack{Language: "python", Framework: "flask"},
			map[string]string{"app.py": "# app = FastAPI()  # swagger later\nfrom flask import Flask\napp = Flask(__name__)\n"},
			kindNone, "", 0, 0, 0, false},
		{"drf-spectacular", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "djangorestframework", "drf-spectacular")},
			map[string]string{
				"config/urls.py":     "from django.urls import path\nfrom drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView\nurlpatterns = [\n    path('api/schema/', SpectacularAPIView.as_view(), name='schema'),\n]\n",
				"config/settings.py": "REST_FRAMEWORK = {\n    'DEFAULT_SCHEMA_CLASS': 'drf_spectacular.openapi.AutoSchema',\n    'DEFAULT_AUTHENTICATION_CLASSES': ('rest_framework_simplejwt.authentication.JWTAuthentication',),\n}\n",
				"shop/views.py":      "from drf_spectacular.utils import extend_schema\nclass OrderViewSet(viewsets.ModelViewSet):\n    @extend_schema(summary='List orders', responses={200: OrderSerializer, 404: None})\n    def list(self, request):\n        pass\n",
			}, kindGenerated, "drf-spectacular", 1, 1, 1, true},
		{"drf-spectacular with per-view JWT authentication", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "drf-spectacular")},
			map[string]string{
				"ecom/urls.py": "from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [path('api/schema/', SpectacularAPIView.as_view())]\n",
				"shop/views.py": "from rest_framework_simplejwt.authentication import JWTAuthentication\n\n" +
					"class CartView(generics.ListAPIView):\n    authentication_classes = [JWTAuthentication]\n    permission_classes = [IsAuthenticated]\n",
			}, kindGenerated, "drf-spectacular", 0, 0, 0, true},
		{"drf-spectacular with authentication switched off per view", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "drf-spectacular")},
			map[string]string{
				"ecom/urls.py":  "from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [path('api/schema/', SpectacularAPIView.as_view())]\n",
				"shop/views.py": "class ProductList(generics.ListAPIView):\n    authentication_classes = []\n    permission_classes = [AllowAny]\n",
			}, kindGenerated, "drf-spectacular", 0, 0, 0, false},
		{"drf-spectacular extend_schema_view", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "djangorestframework", "drf-spectacular")},
			map[string]string{
				"config/urls.py": "from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [path('api/schema/', SpectacularAPIView.as_view())]\n",
				"shelves/views.py": "from drf_spectacular.utils import extend_schema, extend_schema_view\n\n" +
					"@extend_schema_view(\n    list=extend_schema(summary=\"List my shelves\"),\n" +
					"    retrieve=extend_schema(summary=\"Get a shelf\", responses={200: ShelfSerializer, 404: None}),\n" +
					"    destroy=extend_schema(responses={204: None, 404: None}),\n)\n" +
					"class ShelfViewSet(viewsets.ModelViewSet):\n    serializer_class = ShelfSerializer\n",
			}, kindGenerated, "drf-spectacular", 2, 2, 2, false},
		{"drf-spectacular view set without per-action schemas", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "drf-spectacular")},
			map[string]string{
				"config/urls.py": "from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [path('api/schema/', SpectacularAPIView.as_view())]\n",
				"shelves/views.py": "from drf_spectacular.utils import extend_schema_view, extend_schema_field\n\n" +
					"# TODO: list=extend_schema(summary='List shelves', responses={404: None})\n" +
					"@extend_schema_view()\nclass ShelfViewSet(viewsets.ModelViewSet):\n    @extend_schema_field(OpenApiTypes.STR)\n    def name(self):\n        pass\n",
			}, kindGenerated, "drf-spectacular", 0, 0, 0, false},
		{"drf-spectacular installed but not wired", facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django", "drf-spectacular")},
			map[string]string{"config/settings.py": "INSTALLED_APPS = ['drf_spectacular']\n# SpectacularAPIView todo\n"},
			kindNone, "", 0, 0, 0, false},
		{"drf-yasg", facts.Stack{Language: "python", Framework: "django"},
			map[string]string{"urls.py": "from drf_yasg.views import get_schema_view\nfrom drf_yasg import openapi\nschema_view = get_schema_view(openapi.Info(title='API', default_version='v1'), public=True)\n"},
			kindGenerated, "drf-yasg", 0, 0, 0, false},
		{"flask-smorest", facts.Stack{Language: "python", Framework: "flask"},
			map[string]string{"app/__init__.py": "from flask import Flask\nfrom flask_smorest import Api\napp = Flask(__name__)\napi = Api(app)\n",
				"app/items.py": "from flask_smorest import Blueprint\nblp = Blueprint('items', __name__)\n@blp.route('/items')\n@blp.doc(summary='List items')\n@blp.alt_response(404, description='missing')\ndef items():\n    pass\n"},
			kindGenerated, "flask-smorest", 1, 1, 1, false},
		{"flask with a swagger comment", facts.Stack{Language: "python", Framework: "flask"},
			map[string]string{"app.py": "# swagger: add flasgger later\n# from flasgger import Swagger\nfrom flask import Flask\n"},
			kindNone, "", 0, 0, 0, false},
		{"springdoc", facts.Stack{Language: "java", Framework: "spring-boot", Manifest: "pom.xml", Dependencies: deps("org.springdoc:springdoc-openapi-starter-webmvc-ui", "springdoc-openapi-starter-webmvc-ui")},
			map[string]string{
				"src/main/java/com/acme/web/BookController.java": `package com.acme.web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
@RestController
@RequestMapping("/books")
public class BookController {
    @Operation(summary = "Find a book")
    @ApiResponse(responseCode = "404", description = "Not found")
    @GetMapping("/{id}")
    public Book get(@PathVariable Long id) { return service.get(id); }

    @PostMapping
    public Book create(@RequestBody Book b) { return service.save(b); }
}
`,
				"src/main/java/com/acme/config/OpenApiConfig.java": `package com.acme.config;
@Configuration
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class OpenApiConfig {
    @Bean
    public OpenAPI api() { return new OpenAPI().info(new Info().title("Books")); }
}
`,
			}, kindGenerated, "springdoc", 2, 1, 1, true},
		{"springdoc with controller advice", facts.Stack{Language: "kotlin", Framework: "spring-boot", Manifest: "build.gradle.kts", Dependencies: deps("springdoc-openapi-ui")},
			map[string]string{
				"src/main/kotlin/Api.kt":    "@RestController\nclass Api {\n    @GetMapping(\"/a\")\n    fun a() = 1\n    @GetMapping(\"/b\")\n    fun b() = 2\n}\n",
				"src/main/kotlin/Errors.kt": "@RestControllerAdvice\nclass Errors {\n    @ExceptionHandler(NotFound::class)\n    @ResponseStatus(HttpStatus.NOT_FOUND)\n    fun nf() = mapOf(\"error\" to \"nf\")\n}\n",
			}, kindGenerated, "springdoc", 2, 0, 2, false},
		{"swagger annotations without springdoc", facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: deps("spring-boot-starter-web")},
			map[string]string{"src/main/java/A.java": "import io.swagger.v3.oas.annotations.Operation;\nclass A {\n  @Operation(summary = \"x\")\n  @GetMapping(\"/x\")\n  String x() { return \"\"; }\n}\n"},
			kindAnnotations, "swagger-annotations", 1, 1, 0, false},
		{"spring without any docs", facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: deps("spring-boot-starter-web")},
			map[string]string{"src/main/java/A.java": "// TODO: add springdoc / swagger\nclass A {\n  @GetMapping(\"/x\")\n  String x() { return \"\"; }\n}\n"},
			kindNone, "", 0, 0, 0, false},
		{"nestjs swagger", facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/swagger")},
			map[string]string{
				"src/main.ts":                 "import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';\nasync function bootstrap() {\n  const config = new DocumentBuilder().setTitle('Cats').addBearerAuth().build();\n  const document = SwaggerModule.createDocument(app, config);\n  SwaggerModule.setup('docs', app, document);\n}\n",
				"src/cats/cats.controller.ts": "@ApiTags('cats')\n@Controller('cats')\nexport class CatsController {\n  @Get(':id')\n  @ApiOperation({ summary: 'Get a cat' })\n  @ApiNotFoundResponse({ description: 'No cat' })\n  findOne(@Param('id') id: string) {}\n\n  @Post()\n  create(@Body() dto: CreateCatDto) {}\n}\n",
			}, kindGenerated, "nestjs-swagger", 2, 1, 1, true},
		{"nestjs without swagger setup", facts.Stack{Language: "typescript", Framework: "nestjs"},
			map[string]string{"src/main.ts": "// SwaggerModule.setup('docs', app, document);\nasync function bootstrap() { const app = await NestFactory.create(AppModule); }\n"},
			kindNone, "", 0, 0, 0, false},
		{"express swagger-jsdoc annotations", facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("swagger-jsdoc", "swagger-ui-express")},
			map[string]string{
				"src/app.js":          "const swaggerJSDoc = require('swagger-jsdoc');\nconst swaggerUi = require('swagger-ui-express');\nconst spec = swaggerJSDoc({ definition: { openapi: '3.0.0', components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } } }, apis: ['./src/routes/*.js'] });\napp.use('/docs', swaggerUi.serve, swaggerUi.setup(spec));\n",
				"src/routes/users.js": "/**\n * @openapi\n * /users:\n *   get:\n *     summary: List users\n *     responses:\n *       200:\n *         description: ok\n *       401:\n *         description: no token\n */\nrouter.get('/users', list);\n/**\n * @openapi\n * /users:\n *   post:\n *     responses:\n *       201:\n *         description: created\n */\nrouter.post('/users', create);\n",
			}, kindAnnotations, "swagger-jsdoc", 2, 1, 1, true},
		{"express swagger-ui with inline definition", facts.Stack{Language: "javascript", Framework: "express"},
			map[string]string{"index.js": "const swaggerUi = require('swagger-ui-express');\nconst swaggerDocument = require('./swagger-def');\napp.use('/api-docs', swaggerUi.serve, swaggerUi.setup(swaggerDocument));\n"},
			kindGenerated, "swagger-ui-express", 0, 0, 0, false},
		{"express without docs", facts.Stack{Language: "javascript", Framework: "express"},
			map[string]string{"index.js": "// TODO swagger: app.use('/docs', swaggerUi.serve)\nconst express = require('express');\napp.get('/users', list);\n"},
			kindNone, "", 0, 0, 0, false},
		{"fastify swagger", facts.Stack{Language: "typescript", Framework: "fastify"},
			map[string]string{"src/app.ts": "import swagger from '@fastify/swagger';\nimport swaggerUi from '@fastify/swagger-ui';\nawait app.register(swagger, { openapi: { info: { title: 'x', version: '1' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } } });\napp.get('/items', { schema: { summary: 'List items', response: { 200: List, 404: Err } } }, handler);\napp.post('/items', { schema: { body: Item } }, create);\n"},
			kindGenerated, "fastify-swagger", 2, 1, 1, true},
		{"fastify without swagger", facts.Stack{Language: "javascript", Framework: "fastify"},
			map[string]string{"app.js": "// register('@fastify/swagger') later\nconst fastify = require('fastify')();\nfastify.get('/items', handler);\n"},
			kindNone, "", 0, 0, 0, false},
		{"swaggo annotations", facts.Stack{Language: "go", Framework: "gin", Dependencies: deps("github.com/swaggo/swag", "github.com/swaggo/gin-swagger")},
			map[string]string{
				"main.go":           "package main\n\nimport (\n\tginSwagger \"github.com/swaggo/gin-swagger\"\n)\n\n// @title Books API\n// @securityDefinitions.apikey BearerAuth\n// @in header\n// @name Authorization\nfunc main() {}\n",
				"handlers/books.go": "package handlers\n\n// GetBook godoc\n// @Summary Get a book\n// @Param id path int true \"id\"\n// @Success 200 {object} Book\n// @Failure 404 {object} ErrorResponse\n// @Router /books/{id} [get]\nfunc GetBook(c *gin.Context) {}\n\n// @Router /books [post]\nfunc CreateBook(c *gin.Context) {}\n",
			}, kindAnnotations, "swaggo", 2, 1, 1, true},
		{"go-swagger", facts.Stack{Language: "go", Framework: "net-http"},
			map[string]string{"api.go": "package api\n\n// swagger:route GET /pets pets listPets\n//\n// Lists pets.\n//\n// Responses:\n//   200: petsResponse\n//   default: genericError\nfunc ListPets(w http.ResponseWriter, r *http.Request) {}\n"},
			kindAnnotations, "go-swagger", 1, 1, 1, false},
		{"chi without docs", facts.Stack{Language: "go", Framework: "chi"},
			map[string]string{"main.go": "package main\n\n// TODO @Router annotations for swag\nfunc main() { r := chi.NewRouter(); r.Get(\"/x\", h) }\n"},
			kindNone, "", 0, 0, 0, false},
		{"echo with huma", facts.Stack{Language: "go", Framework: "echo"},
			map[string]string{"main.go": "package main\n\nimport \"github.com/danielgtaylor/huma/v2\"\n\nfunc main() {\n\thuma.Register(api, huma.Operation{Method: http.MethodGet, Path: \"/greeting/{name}\", Summary: \"Get a greeting\", Errors: []int{404}}, h)\n\thuma.Get(api, \"/x\", h2)\n}\n"},
			kindGenerated, "huma", 2, 1, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, tc.stack, tc.files)
			if got.Kind != tc.kind || got.Generator != tc.gen {
				t.Fatalf("got kind=%q generator=%q error=%q, want %q %q", got.Kind, got.Generator, got.Error, tc.kind, tc.gen)
			}
			if got.Operations != tc.ops || got.Described != tc.desc || got.ErrorResponses != tc.errs || got.SecuritySchemes != tc.schemes {
				t.Errorf("got ops=%d described=%d errors=%d schemes=%v", got.Operations, got.Described, got.ErrorResponses, got.SecuritySchemes)
			}
			if tc.gen != "" && (len(got.Evidence) == 0 || got.Evidence[0].Path == "") {
				t.Errorf("no evidence: %v", got.Evidence)
			}
			if tc.kind == kindGenerated && !got.Valid {
				t.Errorf("generated document should be valid")
			}
		})
	}
}

func TestEndpointsFallback(t *testing.T) {
	d := New()
	d.Scan(fileOf("config/urls.py", "from drf_spectacular.views import SpectacularAPIView\nurlpatterns = [path('schema/', SpectacularAPIView.as_view())]\n"))
	inv := &facts.Facts{Stack: facts.Stack{Language: "python", Framework: "django"}, Endpoints: 12}
	d.Finish(inv)
	if !inv.OpenAPI.CountRoutes {
		t.Fatalf("a generated document with no annotated operations should ask for the route count")
	}
	CountRoutes(&inv.OpenAPI, inv.Endpoints)
	if inv.OpenAPI.Operations != 12 {
		t.Errorf("operations = %d, want the route count 12", inv.OpenAPI.Operations)
	}
}

func TestStaticBeatsGenerated(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "gin", Dependencies: deps("github.com/swaggo/swag")}
	files := map[string]string{
		"docs/swagger.yaml": swagger20,
		"main.go":           "package main\n\n// @Summary List pets\n// @Failure 500 {object} E\n// @Router /pets [get]\nfunc List() {}\n",
	}
	got := run(t, st, files)
	if got.Kind != kindAnnotations || got.Generator != "swaggo" || got.Path != "docs/swagger.yaml" || !got.Valid || got.Version != "2.0" {
		t.Errorf("swaggo output: got %+v", got)
	}

	st = facts.Stack{Language: "python", Framework: "fastapi"}
	got = run(t, st, map[string]string{"openapi.yaml": spec30, "main.py": fastapiMain})
	if got.Kind != kindStatic || got.Generator != "fastapi" || got.Path != "openapi.yaml" || got.Operations != 3 {
		t.Errorf("valid static with fastapi: got %+v", got)
	}

	// A broken committed document does not hide the framework's own.
	got = run(t, st, map[string]string{"openapi.yaml": "openapi: 3.0.0\npaths: {}\n", "main.py": fastapiMain})
	if got.Kind != kindGenerated || !got.Valid || got.Generator != "fastapi" {
		t.Errorf("broken static with fastapi: got %+v", got)
	}
}
