package code

import "testing"

func TestLogging(t *testing.T) {
	cases := []struct {
		name       string
		stack      [2]string
		deps       []string
		files      []string
		lib        string
		configured bool
		requests   bool
		health     string
	}{
		{"python logging imported only", [2]string{"python", "fastapi"}, nil, []string{"app/main.py", `
import logging
logger = logging.getLogger(__name__)
# logging.basicConfig(level=logging.INFO) is commented out
@app.get("/items")
def items(): ...
`}, "logging", false, false, ""},
		{"alembic env.py configures the migration command only", [2]string{"python", "fastapi"}, nil, []string{"migrations/env.py", `
from logging.config import fileConfig
from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
`, "src/auth/utils.py", `
import logging
def decode(token):
    logging.warning("Token has expired")
`}, "logging", false, false, ""},
		{"app configures logging beside alembic env.py", [2]string{"python", "fastapi"}, nil, []string{"migrations/env.py", `
from logging.config import fileConfig
from alembic import context
fileConfig(context.config.config_file_name)
`, "app/core/logging.py", `
import logging.config
logging.config.dictConfig({"version": 1, "root": {"level": "INFO"}})
`}, "logging", true, false, ""},
		{"fastapi configured with request middleware", [2]string{"python", "fastapi"}, nil, []string{"app/main.py", `
import logging, time
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
logger = logging.getLogger("api")

@app.middleware("http")
async def log_requests(request: Request, call_next):
    start = time.time()
    response = await call_next(request)
    logger.info("%s %s %s", request.method, request.url.path, response.status_code)
    return response

@app.get("/healthz")
def healthz(): return {"ok": True}
`}, "logging", true, true, "/healthz"},
		{"health under a utils router", [2]string{"python", "fastapi"}, nil, []string{"app/api/routes/utils.py", `
router = APIRouter(prefix="/utils", tags=["utils"])

@router.get("/health-check/")
async def health_check() -> bool:
    return True

@router.get("/status/{job_id}")
async def job_status(job_id: str): ...
`}, "", false, false, "/utils/health-check"},
		{"django settings and health_check", [2]string{"python", "django"}, []string{"django-health-check"}, []string{"config/settings.py", `
LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
}
`, "config/urls.py", `
urlpatterns = [
    path("ht/", include("health_check.urls")),
]
`}, "logging", true, false, "/ht"},
		{"structlog", [2]string{"python", "flask"}, nil, []string{"app/log.py", `
import structlog
structlog.configure(processors=[structlog.processors.JSONRenderer()])
`}, "structlog", true, false, ""},
		{"spring slf4j actuator", [2]string{"java", "spring-boot"}, []string{"spring-boot-starter-actuator"}, []string{
			"src/main/java/a/OrderService.java", `
@Slf4j
@Service
public class OrderService {
    public void place() { log.info("placing order"); }
}
`, "src/main/resources/application.properties", "server.port=8080\nserver.tomcat.accesslog.enabled=true\n",
		}, "slf4j", true, true, "/actuator/health"},
		{"spring logback only via properties", [2]string{"java", "spring-boot"}, nil, []string{
			"src/main/resources/application.yml", "spring:\n  application:\n    name: x\nlogging:\n  level:\n    root: INFO\n",
			"src/main/java/a/App.java", "@SpringBootApplication public class App {}",
		}, "logback", true, false, ""},
		{"spring nothing", [2]string{"java", "spring-boot"}, nil, []string{
			"src/main/java/a/App.java", "@SpringBootApplication public class App { /* LoggerFactory.getLogger(App.class) */ }",
			"src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://db/x\n",
		}, "", false, false, ""},
		{"express winston morgan", [2]string{"javascript", "express"}, nil, []string{"src/logger.js", `
const winston = require('winston');
module.exports = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });
`, "src/app.js", `
const morgan = require('morgan');
app.use(morgan('combined'));
app.get('/api/health', (req, res) => res.json({ ok: true }));
`}, "winston", true, true, "/api/health"},
		{"express console only", [2]string{"javascript", "express"}, nil, []string{"src/app.js", `
app.get('/users', (req, res) => { console.log('listing'); res.json([]); });
`}, "", false, false, ""},
		{"nest pino", [2]string{"typescript", "nestjs"}, nil, []string{"src/app.module.ts", `
import { LoggerModule } from 'nestjs-pino';
@Module({ imports: [LoggerModule.forRoot()] })
export class AppModule {}
`}, "pino", true, true, ""},
		{"nest inline middleware with a named Logger", [2]string{"typescript", "nestjs"}, nil, []string{"src/main.ts", `
import { Logger, ValidationPipe } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  const http = new Logger('HTTP');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const start = Date.now();
    res.on('finish', () => http.log(` + "`${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - start}ms`" + `));
    next();
  });
  await app.listen(3000);
}
`}, "nestjs-logger", true, true, ""},
		{"nest middleware class with a named Logger", [2]string{"typescript", "nestjs"}, nil, []string{"src/common/http-logger.middleware.ts", `
@Injectable()
export class HttpLoggerMiddleware implements NestMiddleware {
  private readonly http = new Logger('HTTP');
  use(req: Request, res: Response, next: NextFunction) {
    const { method, originalUrl } = req;
    res.on('finish', () => this.http.log(` + "`${method} ${originalUrl} ${res.statusCode}`" + `));
    next();
  }
}
`}, "", false, true, ""},
		{"nest named Logger outside a middleware", [2]string{"typescript", "nestjs"}, nil, []string{"src/main.ts", `
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  const boot = new Logger('Bootstrap');
  app.use(helmet());
  // app.use((req, res, next) => { http.log(req.method); next(); })
  boot.log(` + "`listening on ${port}`" + `);
}
`, "src/books/books.controller.ts", `
@Controller('books')
export class BooksController {
  private readonly audit = new Logger('Audit');
  @Get()
  list(@Req() req: Request) { this.audit.log(` + "`${req.method} ${req.url}`" + `); }
}
`}, "", false, false, ""},
		{"fastify logger options passed through a build helper", [2]string{"javascript", "fastify"}, nil, []string{"server.js", `
import build from "./app.js";
import loggerOptions from "./configs/loggerOptions.js";
const app = await build({
  logger: loggerOptions,
});
app.listen({ port: 8080, host: "0.0.0.0" });
`, "app.js", `
import Fastify from "fastify";
export default async function build(opts = {}) {
  const app = Fastify(opts);
  return app;
}
`}, "pino", true, true, ""},
		{"a logger option in an express project is not request logging", [2]string{"javascript", "express"}, nil, []string{"src/config.js", `
module.exports = {
  port: process.env.PORT || 3000,
  logger: { level: process.env.LOG_LEVEL || "info" },
};
`}, "", false, false, ""},
		{"fastify logger", [2]string{"javascript", "fastify"}, nil, []string{"server.js", `
const fastify = require('fastify')({ logger: true });
fastify.get('/status', async () => ({ up: true }));
`}, "pino", true, true, "/status"},
		{"gin default slog", [2]string{"go", "gin"}, nil, []string{"main.go", `
package main
func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	slog.SetDefault(logger)
	r := gin.Default()
	r.GET("/health", health)
}
`}, "slog", true, true, "/health"},
		{"chi middleware std log", [2]string{"go", "chi"}, nil, []string{"main.go", `
package main
func main() {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	log.Println("listening")
}
`}, "log", false, true, ""},
		{"go nothing", [2]string{"go", "net-http"}, nil, []string{"main.go", `
package main
// r.Use(middleware.Logger)
func main() { fmt.Println("hi") }
`}, "", false, false, ""},
		{"gin hand-written slog request logger", [2]string{"go", "gin"}, nil, []string{"internal/middleware/logger.go", `
package middleware

func Logger(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		logger.Log(c.Request.Context(), slog.LevelInfo, "HTTP Request",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", c.Writer.Status()),
			slog.Duration("duration", time.Since(start)),
		)
	}
}
`}, "", false, true, ""},
		{"echo hand-written zerolog request logger", [2]string{"go", "echo"}, nil, []string{"internal/http/mw.go", `
package http

func requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		log.Info().Str("method", c.Request().Method).Str("uri", c.Request().RequestURI).Msg("request")
		return err
	}
}
`}, "", false, true, ""},
		{"net/http timing middleware", [2]string{"go", "net-http"}, nil, []string{"api/middleware.go", `
package api

func timing(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Printf("%s %s %v", r.Method, r.URL.Path, time.Since(start))
	})
}
`}, "log", false, true, ""},
		{"gin auth middleware that logs no request", [2]string{"go", "gin"}, nil, []string{"internal/auth/middleware.go", `
package auth

func AuthMiddleware(svc Service) gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, err := svc.Verify(c.GetHeader("Authorization")); err != nil {
			log.Println("invalid token")
			c.AbortWithStatus(401)
		}
	}
}
`}, "log", false, false, ""},
		{"go handler logging the method is no middleware", [2]string{"go", "net-http"}, nil, []string{"handlers.go", `
package main

func listTodos(w http.ResponseWriter, r *http.Request) {
	log.Printf("%s %s", r.Method, r.URL.Path)
}
`}, "log", false, false, ""},
		{"zap echo", [2]string{"go", "echo"}, nil, []string{"main.go", `
package main
import "github.com/labstack/echo/v4/middleware"
func main() {
	logger, _ := zap.NewProduction()
	e.Use(middleware.Logger())
}
`}, "zap", true, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf(c.stack[0], c.stack[1], c.deps...), c.files...)
			lg := f.Logging
			if lg.Library != c.lib || lg.Configured != c.configured || lg.RequestLogging != c.requests || lg.HealthPath != c.health {
				t.Errorf("got lib=%q configured=%v requests=%v health=%q; want %q %v %v %q",
					lg.Library, lg.Configured, lg.RequestLogging, lg.HealthPath, c.lib, c.configured, c.requests, c.health)
			}
			if lg.Configured && len(lg.Evidence) == 0 || lg.RequestLogging && len(lg.RequestEvidence) == 0 || lg.HealthPath != "" && len(lg.HealthEvidence) == 0 {
				t.Errorf("missing evidence: %+v", lg)
			}
		})
	}
}
