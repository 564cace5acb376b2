package code

import (
	"strings"
	"testing"
)

// A handler defined in its own file and registered by name elsewhere is
// central error handling; the same handler defined and never registered
// handles nothing (issue 16). Each stack has both sides.
func TestErrorHandlerRegisteredByName(t *testing.T) {
	cases := []struct {
		name    string
		stack   [2]string
		files   []string
		central bool
	}{
		// Python
		{"fastapi add_exception_handler with an imported handler", [2]string{"python", "fastapi"}, []string{
			"app/api/errors/http_error.py", "from starlette.requests import Request\n\nasync def http_error_handler(_: Request, exc: HTTPException) -> JSONResponse:\n    return JSONResponse({\"errors\": [exc.detail]}, status_code=exc.status_code)\n",
			"app/main.py", "from app.api.errors.http_error import http_error_handler\n\ndef get_application() -> FastAPI:\n    application = FastAPI()\n    application.add_exception_handler(HTTPException, http_error_handler)\n    return application\n",
		}, true},
		{"fastapi exception_handlers= in the constructor", [2]string{"python", "fastapi"}, []string{
			"app/main.py", "from app.errors import not_found, server_error\n\napp = FastAPI(\n    title=\"shop\",\n    exception_handlers={404: not_found, 500: server_error},\n)\n",
		}, true},
		{"fastapi handler defined, never registered", [2]string{"python", "fastapi"}, []string{
			"app/errors.py", "async def http_error_handler(request, exc):\n    return JSONResponse({\"error\": str(exc)}, status_code=500)\n\nexception_handlers = {}\n",
			"app/main.py", "app = FastAPI()\n",
		}, false},
		{"flask register_error_handler in the app factory", [2]string{"python", "flask"}, []string{
			"app/errors.py", "def handle_404(e):\n    return jsonify(error='not found'), 404\n",
			"app/__init__.py", "from .errors import handle_404\n\ndef create_app():\n    app = Flask(__name__)\n    app.register_error_handler(404, handle_404)\n    return app\n",
		}, true},
		{"flask blueprint app_errorhandler", [2]string{"python", "flask"}, []string{
			"app/errors/handlers.py", "errors = Blueprint('errors', __name__)\n\n@errors.app_errorhandler(InvalidUsage)\ndef handle_invalid(e):\n    return jsonify(e.to_dict()), e.status_code\n",
		}, true},
		{"django middleware with process_exception in MIDDLEWARE", [2]string{"python", "django"}, []string{
			"core/middleware.py", "class JsonErrorMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def process_exception(self, request, exception):\n        return JsonResponse({'error': str(exception)}, status=500)\n",
			"config/settings.py", "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n    'core.middleware.JsonErrorMiddleware',\n]\n",
		}, true},
		{"django middleware with process_exception left out of MIDDLEWARE", [2]string{"python", "django"}, []string{
			"core/middleware.py", "class JsonErrorMiddleware:\n    def process_exception(self, request, exception):\n        return JsonResponse({'error': str(exception)}, status=500)\n",
			"config/settings.py", "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n]\n",
		}, false},
		// JavaScript / TypeScript
		{"nest filter with an APP_FILTER provider", [2]string{"typescript", "nestjs"}, []string{
			"src/common/filters/all-exceptions.filter.ts", "@Catch()\nexport class AllExceptionsFilter implements ExceptionFilter {\n  catch(exception: unknown, host: ArgumentsHost) {}\n}\n",
			"src/app.module.ts", "@Module({\n  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],\n})\nexport class AppModule {}\n",
		}, true},
		{"nest filter applied with @UseFilters", [2]string{"typescript", "nestjs"}, []string{
			"src/common/http-exception.filter.ts", "@Catch(HttpException)\nexport class HttpExceptionFilter implements ExceptionFilter {\n  catch(exception: HttpException, host: ArgumentsHost) {}\n}\n",
			"src/cats/cats.controller.ts", "import { HttpExceptionFilter } from '../common/http-exception.filter';\n\n@Controller('cats')\n@UseFilters(HttpExceptionFilter)\nexport class CatsController {}\n",
		}, true},
		{"nest filter defined, never registered", [2]string{"typescript", "nestjs"}, []string{
			"src/common/http-exception.filter.ts", "@Catch(HttpException)\nexport class HttpExceptionFilter implements ExceptionFilter {\n  catch(exception: HttpException, host: ArgumentsHost) {}\n}\n",
			"src/main.ts", "import { HttpExceptionFilter } from './common/http-exception.filter';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\n",
		}, false},
		{"fastify setErrorHandler with an imported handler", [2]string{"javascript", "fastify"}, []string{
			"src/errors.js", "module.exports = function errorHandler (error, request, reply) {\n  reply.code(500).send({ error: 'internal' })\n}\n",
			"src/app.js", "const errorHandler = require('./errors')\nfastify.setErrorHandler(errorHandler)\n",
		}, true},
		{"express handler exported and registered under an import name", [2]string{"typescript", "express"}, []string{
			"src/middleware/error-handler.ts", "export const errorHandler: ErrorRequestHandler = (err: Error, req: Request, res: Response, _next: NextFunction) => {\n  res.status(500).json({ message: err.message });\n};\n",
			"src/app.ts", "import { errorHandler } from './middleware/error-handler';\napp.use('/api', router);\napp.use(errorHandler);\n",
		}, true},
		{"koa error middleware in its own file", [2]string{"javascript", "koa"}, []string{
			"src/middleware/errors.js", "async function errorHandler(ctx, next) {\n  try {\n    await next()\n  } catch (err) {\n    ctx.status = err.status || 500\n    ctx.body = { error: err.message }\n  }\n}\nmodule.exports = { errorHandler }\n",
			"src/app.js", "const { errorHandler } = require('./middleware/errors')\napp.use(errorHandler)\n",
		}, true},
		{"koa error middleware never used", [2]string{"javascript", "koa"}, []string{
			"src/middleware/errors.js", "async function errorHandler(ctx, next) {\n  try {\n    await next()\n  } catch (err) {\n    ctx.status = 500\n  }\n}\nmodule.exports = { errorHandler }\n",
			"src/app.js", "app.use(router.routes())\n",
		}, false},
		// Go
		{"gin error middleware registered with Use", [2]string{"go", "gin"}, []string{
			"internal/middleware/error.go", "package middleware\n\nfunc ErrorHandler() gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tc.Next()\n\t\tif err := c.Errors.Last(); err != nil {\n\t\t\tc.JSON(500, gin.H{\"error\": err.Error()})\n\t\t}\n\t}\n}\n",
			"cmd/api/main.go", "package main\n\nfunc main() {\n\tr := gin.New()\n\tr.Use(middleware.ErrorHandler())\n}\n",
		}, true},
		{"gin error middleware never registered", [2]string{"go", "gin"}, []string{
			"internal/middleware/error.go", "package middleware\n\nfunc ErrorHandler() gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tc.Next()\n\t\tif err := c.Errors.Last(); err != nil {\n\t\t\tc.JSON(500, gin.H{\"error\": err.Error()})\n\t\t}\n\t}\n}\n",
			"cmd/api/main.go", "package main\n\nfunc main() {\n\tr := gin.New()\n\tr.Use(gin.Logger())\n}\n",
		}, false},
		{"gin CustomRecovery with a named function", [2]string{"go", "gin"}, []string{
			"main.go", "package main\n\nfunc main() {\n\tr := gin.New()\n\tr.Use(gin.CustomRecovery(handlePanic))\n}\n",
		}, true},
		{"chi wrapper middleware registered with Use", [2]string{"go", "chi"}, []string{
			"internal/http/errors.go", "package http\n\nfunc ErrorMiddleware(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tdefer func() { recover() }()\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n",
			"internal/http/router.go", "package http\n\nfunc NewRouter() *chi.Mux {\n\tr := chi.NewRouter()\n\tr.Use(ErrorMiddleware)\n\treturn r\n}\n",
		}, true},
		{"chi wrapper middleware and error writer never used", [2]string{"go", "chi"}, []string{
			"internal/http/errors.go", "package http\n\nfunc ErrorMiddleware(next http.Handler) http.Handler {\n\treturn next\n}\n\nfunc writeError(w http.ResponseWriter, status int, msg string) {\n\tw.WriteHeader(status)\n}\n",
			"internal/http/router.go", "package http\n\nfunc NewRouter() *chi.Mux {\n\tr := chi.NewRouter()\n\tr.Use(middleware.Logger)\n\treturn r\n}\n",
		}, false},
		{"net/http handlers returning errors to one ServeHTTP", [2]string{"go", "net-http"}, []string{
			"handlers.go", "package main\n\ntype appHandler func(http.ResponseWriter, *http.Request) error\n\nfunc (fn appHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n\tif err := fn(w, r); err != nil {\n\t\thttp.Error(w, err.Error(), 500)\n\t}\n}\n",
			"main.go", "package main\n\nfunc main() {\n\thttp.Handle(\"/view\", appHandler(viewRecord))\n}\n",
		}, true},
		// C#
		{"aspnet exception filter added globally", [2]string{"csharp", "aspnetcore"}, []string{
			"src/Api/Filters/ApiExceptionFilterAttribute.cs", "public class ApiExceptionFilterAttribute : ExceptionFilterAttribute\n{\n    public override void OnException(ExceptionContext context) { }\n}\n",
			"src/Api/Program.cs", "builder.Services.AddControllers(options => options.Filters.Add<ApiExceptionFilterAttribute>());\n",
		}, true},
		{"aspnet exception filter applied as an attribute", [2]string{"csharp", "aspnetcore"}, []string{
			"src/Api/Filters/ApiExceptionFilterAttribute.cs", "public class ApiExceptionFilterAttribute : ExceptionFilterAttribute\n{\n    public override void OnException(ExceptionContext context) { }\n}\n",
			"src/Api/Controllers/ApiControllerBase.cs", "[ApiController]\n[ApiExceptionFilter]\npublic abstract class ApiControllerBase : ControllerBase { }\n",
		}, true},
		{"aspnet exception middleware and filter never registered", [2]string{"csharp", "aspnetcore"}, []string{
			"src/Api/Middleware/ExceptionMiddleware.cs", "public class ExceptionMiddleware\n{\n    private readonly RequestDelegate _next;\n    public ExceptionMiddleware(RequestDelegate next, ILogger<ExceptionMiddleware> log) { _next = next; }\n}\n",
			"src/Api/Filters/ApiExceptionFilter.cs", "public class ApiExceptionFilter : IExceptionFilter\n{\n    public void OnException(ExceptionContext context) { }\n}\n",
			"src/Api/Program.cs", "var app = builder.Build();\napp.UseAuthorization();\napp.MapControllers();\n",
		}, false},
		// Ruby
		{"rails concern included by the base controller", [2]string{"ruby", "rails"}, []string{
			"app/controllers/concerns/exception_handler.rb", "module ExceptionHandler\n  extend ActiveSupport::Concern\n  included do\n    rescue_from ActiveRecord::RecordNotFound, with: :not_found\n  end\nend\n",
			"app/controllers/application_controller.rb", "class ApplicationController < ActionController::API\n  include ExceptionHandler\nend\n",
		}, true},
		{"rails concern no controller includes", [2]string{"ruby", "rails"}, []string{
			"app/controllers/concerns/exception_handler.rb", "module ExceptionHandler\n  extend ActiveSupport::Concern\n  included do\n    rescue_from ActiveRecord::RecordNotFound, with: :not_found\n  end\nend\n",
			"app/controllers/application_controller.rb", "class ApplicationController < ActionController::API\nend\n",
		}, false},
		// Java / Kotlin
		{"spring HandlerExceptionResolver component", [2]string{"java", "spring-boot"}, []string{
			"src/main/java/a/web/JsonExceptionResolver.java", "@Component\npublic class JsonExceptionResolver implements Ordered, HandlerExceptionResolver {\n}\n",
		}, true},
		{"kotlin advice-less resolver", [2]string{"kotlin", "spring-boot"}, []string{
			"src/main/kotlin/a/web/JsonExceptionResolver.kt", "@Component\nclass JsonExceptionResolver : HandlerExceptionResolver {\n}\n",
		}, true},
		{"spring @ExceptionHandler local to one controller", [2]string{"java", "spring-boot"}, []string{
			"src/main/java/a/web/BookController.java", "@RestController\npublic class BookController {\n  @ExceptionHandler(BookNotFound.class)\n  public ResponseEntity<String> notFound() { return ResponseEntity.status(404).build(); }\n}\n",
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf(c.stack[0], c.stack[1]), c.files...)
			if f.ErrorHandling.Central != c.central {
				t.Errorf("central = %v, want %v (evidence %v)", f.ErrorHandling.Central, c.central, f.ErrorHandling.Evidence)
			}
			if c.central && len(f.ErrorHandling.Evidence) == 0 {
				t.Error("central without evidence")
			}
		})
	}
}

// When no handler is registered, the facts name the handler left
// unregistered and what the stack's check looks for, for the FAIL.
func TestUnregisteredHandlerIsNamed(t *testing.T) {
	f := run(t, stackOf("typescript", "nestjs"),
		"src/common/http-exception.filter.ts", "@Catch(HttpException)\nexport class HttpExceptionFilter implements ExceptionFilter {}\n",
		"src/main.ts", "const app = await NestFactory.create(AppModule)\n",
	)
	eh := f.ErrorHandling
	if eh.Central || len(eh.Unregistered) != 1 || eh.Unregistered[0].Path != "src/common/http-exception.filter.ts" {
		t.Errorf("central %v, unregistered %v; want the filter named", eh.Central, eh.Unregistered)
	}
	if !strings.Contains(eh.LookedFor, "useGlobalFilters") {
		t.Errorf("looked for %q; want the NestJS text", eh.LookedFor)
	}
	// Registered: nothing is reported as left over.
	f = run(t, stackOf("javascript", "express"),
		"src/errors.js", "module.exports = function errorHandler(err, req, res, next) { res.status(500).end() }\n",
		"src/app.js", "app.use(require('./errors'))\n",
	)
	if !f.ErrorHandling.Central || len(f.ErrorHandling.Unregistered) != 0 || !strings.Contains(f.ErrorHandling.LookedFor, "four-argument") {
		t.Errorf("express: %+v", f.ErrorHandling)
	}
}
