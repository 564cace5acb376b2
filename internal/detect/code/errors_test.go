package code

import (
	"slices"
	"strings"
	"testing"
)

func TestErrorHandling(t *testing.T) {
	cases := []struct {
		name    string
		stack   [2]string
		files   []string
		central bool
		codes   []int
	}{
		{"fastapi central", [2]string{"python", "fastapi"}, []string{"app/main.py", `
from fastapi import FastAPI, HTTPException, status
from fastapi.exceptions import RequestValidationError

app = FastAPI()

@app.exception_handler(RequestValidationError)
async def validation_handler(request, exc):
    return JSONResponse(status_code=422, content={"detail": exc.errors()})

@app.get("/items/{id}")
def get_item(id: int):
    raise HTTPException(status_code=404, detail="Item not found")

def guard():
    raise HTTPException(status_code=status.HTTP_403_FORBIDDEN)
`}, true, []int{403, 404, 422}},
		{"fastapi without handler", [2]string{"python", "fastapi"}, []string{"app/main.py", `
# @app.exception_handler(Exception) would centralise errors
@app.get("/items")
def items():
    return []
`}, false, nil},
		{"django drf", [2]string{"python", "django"}, []string{"config/settings.py", `
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "core.exceptions.custom_exception_handler",
}
`, "core/views.py", `
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import NotFound, PermissionDenied

def detail(request, pk):
    post = get_object_or_404(Post, pk=pk)
    if not request.user.is_staff:
        raise PermissionDenied("staff only")
    return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`}, true, []int{400, 403, 404}},
		{"drf validation errors", [2]string{"python", "django"}, []string{"config/settings.py", `
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "core.exceptions.handler"}
`, "library/views.py", `
from rest_framework import generics, permissions, serializers, viewsets

class ShelfBookViewSet(viewsets.ModelViewSet):
    def perform_create(self, serializer):
        if serializer.validated_data["shelf"].owner != self.request.user:
            raise serializers.ValidationError("Not your shelf.")
        serializer.save()
`, "orders/views.py", `
from django.http import Http404
from rest_framework.exceptions import (
    AuthenticationFailed,
    ValidationError,
)

def check(data, token):
    if not token:
        raise AuthenticationFailed("no token")
    if "qty" not in data:
        raise ValidationError({"qty": "required"})
    raise Http404
`}, true, []int{400, 401, 404}},
		{"drf object views answer 404", [2]string{"python", "django"}, []string{"library/views.py", `
from rest_framework import generics, permissions, viewsets

class ShelfViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated]

class BookDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Book.objects.all()
`}, false, []int{404}},
		{"drf list and create views look nothing up", [2]string{"python", "django"}, []string{"library/views.py", `
from rest_framework import generics

# class Old(viewsets.ModelViewSet) was removed
class BookList(generics.ListCreateAPIView):
    queryset = Book.objects.all()

class Register(generics.CreateAPIView):
    pass
`}, false, nil},
		{"validation errors that are not drf", [2]string{"python", "django"}, []string{"shop/models.py", `
from django.core.exceptions import ValidationError

def clean_price(value):
    # raise serializers.ValidationError would be DRF's
    if value < 0:
        raise ValidationError("negative price")
`, "api/schemas.py", `
from marshmallow import Schema, ValidationError

def check(v):
    raise ValidationError("bad")
`}, false, nil},
		{"flask", [2]string{"python", "flask"}, []string{"app.py", `
@app.errorhandler(404)
def not_found(e):
    return jsonify(error="not found"), 404

@app.route("/x")
def x():
    abort(401)
`}, true, []int{401, 404}},
		{"flask service tuples and code= helpers", [2]string{"python", "flask"}, []string{"app/main/service/auth_helper.py", `
def logout(data):
    if not auth_token:
        response_object = {'status': 'fail', 'message': 'Provide a valid auth token.'}
        return response_object, 403
    return response_object, 200
`, "conduit/exceptions.py", `
def template(data, code=500):
    return {'message': {'errors': {'body': data}}, 'status_code': code}

USER_NOT_FOUND = template(['User not found'], code=404)
`}, false, []int{403, 404, 500}},
		{"tuples that are not responses", [2]string{"python", "flask"}, []string{"app/util.py", `
def split(n):
    return n // 1000, n % 1000

def pair():
    return [1, 2], 3
`}, false, nil},
		{"spring advice", [2]string{"java", "spring-boot"}, []string{"src/main/java/a/GlobalExceptionHandler.java", `
@RestControllerAdvice
public class GlobalExceptionHandler {
    @ExceptionHandler(EntityNotFoundException.class)
    public ProblemDetail notFound(EntityNotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }
    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public Map<String, String> invalid() { return Map.of(); }
}
`, "src/main/java/a/UserController.java", `
return ResponseEntity.status(HttpStatus.CONFLICT).build();
throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "bad token");
return ResponseEntity.ok(x);
`}, true, []int{400, 401, 404, 409}},
		{"spring servlet constants and sendError", [2]string{"java", "spring-boot"}, []string{"src/main/java/a/JwtEntryPoint.java", `
public class JwtEntryPoint implements AuthenticationEntryPoint {
    public void commence(HttpServletRequest req, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized");
    }
    void deny(HttpServletResponse r) throws IOException { r.sendError(403); }
    int ok() { return HttpServletResponse.SC_OK; }
    ResponseEntity<?> taken() {
        return ResponseEntity
            .badRequest()
            .body("taken");
    }
}
`}, false, []int{400, 401, 403}},
		{"spring local handler only", [2]string{"java", "spring-boot"}, []string{"src/main/java/a/C.java", `
@RestController
public class C {
    // @ControllerAdvice would be better
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<String> h() { return ResponseEntity.internalServerError().build(); }
}
`}, false, []int{500}},
		{"express registered", [2]string{"javascript", "express"}, []string{"src/app.js", `
const errorHandler = require('./middleware/errorHandler');
app.use('/api', router);
app.use(errorHandler);
`, "src/middleware/errorHandler.js", `
module.exports = (err, req, res, next) => {
  res.status(err.status || 500).json({ message: err.message });
};
`, "src/routes/users.js", `
router.get('/:id', async (req, res) => {
  if (!user) return res.status(404).json({ error: 'not found' });
  res.sendStatus(204);
});
`}, true, []int{404, 500}},
		{"express inline ts", [2]string{"typescript", "express"}, []string{"src/app.ts", `
app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});
`}, true, []int{500}},
		{"express inline multi-line with trailing comma", [2]string{"typescript", "express"}, []string{"src/main.ts", `
app.use(
  (
    err: Error | HttpException,
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    res.status(500).json(err.message);
  },
);
`}, true, []int{500}},
		{"express unregistered", [2]string{"javascript", "express"}, []string{"src/app.js", `
function errorHandler(err, req, res, next) {
  res.status(500).send('oops');
}
app.use(express.json());
`}, false, []int{500}},
		{"nest filter", [2]string{"typescript", "nestjs"}, []string{"src/common/http-exception.filter.ts", `
@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost) {}
}
`, "src/main.ts", `
import { HttpExceptionFilter } from './common/http-exception.filter';
app.useGlobalFilters(new HttpExceptionFilter());
`, "src/users/users.service.ts", `
throw new NotFoundException('user not found');
throw new ConflictException();
throw new UserBannedException();
`}, true, []int{404, 409}},
		{"fastify", [2]string{"javascript", "fastify"}, []string{"app.js", `
fastify.setErrorHandler(function (error, request, reply) {
  reply.code(400).send({ error: error.message });
});
`}, true, []int{400}},
		{"go helper", [2]string{"go", "net-http"}, []string{"internal/api/respond.go", `
package api

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "not found")
	http.Error(w, "bad", http.StatusBadRequest)
	w.WriteHeader(http.StatusOK)
}
`}, true, []int{400, 404}},
		{"gin inline", [2]string{"go", "gin"}, []string{"main.go", `
package main

func get(c *gin.Context) {
	c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "no"})
	c.JSON(500, gin.H{})
}
func isErrNotFound(err error) bool { return false }
`}, false, []int{401, 500}},
		{"echo handler", [2]string{"go", "echo"}, []string{"main.go", `
package main
func main() {
	e := echo.New()
	e.HTTPErrorHandler = customHTTPErrorHandler
	return echo.NewHTTPError(http.StatusUnprocessableEntity, "bad")
}
`}, true, []int{422}},
		{"fiber config", [2]string{"go", "fiber"}, []string{"main.go", `
package main
func main() {
	app := fiber.New(fiber.Config{ErrorHandler: handleErr})
	return fiber.ErrNotFound
}
`}, true, []int{404}},
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
			if !slices.Equal(f.ErrorHandling.StatusCodes, c.codes) {
				t.Errorf("codes = %v, want %v", f.ErrorHandling.StatusCodes, c.codes)
			}
			if len(c.codes) > 0 && len(f.ErrorHandling.StatusEvidence) == 0 {
				t.Error("codes without evidence")
			}
		})
	}
}

func TestStatusLines(t *testing.T) {
	code := []byte("a\nb\nthrow new HttpException(\n  { message: 'no' },\n  400,\n);\nx = 1400\ny = 404\n")
	wins := statusLines(code)
	if len(wins) != 2 {
		t.Fatalf("windows = %v, want two (400 and 404; 1400 is not a status)", wins)
	}
	first := string(code[wins[0][0]:wins[0][1]])
	if !strings.Contains(first, "new HttpException(") || !strings.HasSuffix(first, "400,") {
		t.Fatalf("first window %q does not reach back to the call", first)
	}
	if got := string(code[wins[1][0]:wins[1][1]]); !strings.HasSuffix(got, "y = 404") {
		t.Fatalf("second window %q", got)
	}
}
