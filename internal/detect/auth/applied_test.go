package auth

import (
	"strings"
	"testing"
)

// An auth middleware or dependency that is defined but never applied to a
// route protects nothing, and a login route is not a protected one (issue
// 16). Each stack: the same guard applied (counted) and only defined (not).
func TestProtectionNeedsApplication(t *testing.T) {
	const fastapiDeps = "from fastapi import Depends\nfrom fastapi.security import OAuth2PasswordBearer\n\noauth2_scheme = OAuth2PasswordBearer(tokenUrl='token')\n\n\nasync def get_current_user(token: str = Depends(oauth2_scheme)):\n    return decode(token)\n\n\nasync def get_current_active_user(\n    user=Depends(get_current_user),\n):\n    return user\n"
	tests := []struct {
		name  string
		st    [2]string
		files map[string]string
		want  int // exact count of protections
	}{
		{"fastapi dependency defined, no route uses it", [2]string{"python", "fastapi"}, map[string]string{
			"app/auth.py":   fastapiDeps,
			"app/routes.py": "from fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n\n\n@router.get('/items')\ndef items(db=Depends(get_db)):\n    return []\n",
		}, 0},
		{"fastapi dependency used by a decorated route", [2]string{"python", "fastapi"}, map[string]string{
			"app/auth.py":   fastapiDeps,
			"app/routes.py": "from fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n\n\n@router.get(\n    '/items',\n    response_model=list[Item],\n)\nasync def items(\n    user=Depends(get_current_active_user),\n):\n    return []\n\n\n@router.get('/open')\ndef open_items():\n    return []\n",
		}, 1},
		{"fastapi route with a long multi-line decorator", [2]string{"python", "fastapi"}, map[string]string{
			"app/routes.py": "@router.get(\n    '/projects',\n    responses={\n        503: {\n            'description': 'Service Unavailable (retry)',\n            'model': Unavailable,\n        },\n    },\n    tags=['Projects'],\n)\nasync def get_projects(\n    token: Annotated[str, Depends(oauth2_scheme)],\n    db: Session = Depends(get_db),\n):\n    return []\n",
		}, 1},
		{"fastapi Annotated alias used by a route", [2]string{"python", "fastapi"}, map[string]string{
			"app/routers/todos.py": "from typing import Annotated\nfrom fastapi import Depends\n\nuser_dependency = Annotated[dict, Depends(get_current_user)]\n\n\n@router.get('/')\nasync def read_all(user: user_dependency, db: db_dependency):\n    return []\n",
		}, 1},
		{"fastapi Annotated alias used in another file", [2]string{"python", "fastapi"}, map[string]string{
			"app/deps.py":          "from typing import Annotated\nfrom fastapi import Depends\n\nLoggedIn = Annotated[User, Depends(get_current_user)]\n",
			"app/routers/todos.py": "from app.deps import LoggedIn\n\n\n@router.get('/')\nasync def read_all(user: LoggedIn):\n    return []\n",
		}, 1},
		{"fastapi Annotated alias nobody uses", [2]string{"python", "fastapi"}, map[string]string{
			"app/routers/todos.py": "from typing import Annotated\nfrom fastapi import Depends\n\nuser_dependency = Annotated[dict, Depends(get_current_user)]\n\n\n@router.get('/')\nasync def read_all(db: db_dependency):\n    return []\n",
		}, 0},
		{"fastapi router-wide dependencies", [2]string{"python", "fastapi"}, map[string]string{
			"app/routers/admin.py": "router = APIRouter(prefix='/admin', dependencies=[Depends(get_current_admin)])\n",
		}, 1},
		{"express verifyToken exported, never applied", [2]string{"javascript", "express"}, map[string]string{
			"middleware/auth.js": "const jwt = require('jsonwebtoken')\nfunction verifyToken(req, res, next) {\n  const token = req.headers.authorization\n  if (!token) return res.status(401).json({ error: 'no token' })\n  req.user = jwt.verify(token, process.env.JWT_SECRET)\n  next()\n}\nmodule.exports = { verifyToken }\n",
			"routes/books.js":    "const router = require('express').Router()\nrouter.get('/', list)\nrouter.post('/', create)\nmodule.exports = router\n",
		}, 0},
		{"express verifyToken applied to a route", [2]string{"javascript", "express"}, map[string]string{
			"middleware/auth.js": "function verifyToken(req, res, next) { next() }\nmodule.exports = { verifyToken }\n",
			"routes/books.js":    "const { verifyToken } = require('../middleware/auth')\nrouter.get('/', list)\nrouter.post('/', verifyToken, create)\n",
		}, 1},
		{"passport jwt guard defined, never applied; local login route", [2]string{"javascript", "express"}, map[string]string{
			"config/passport.js": "const requireJwt = passport.authenticate('jwt', { session: false })\nmodule.exports = { requireJwt }\n",
			"routes/auth.js":     "router.post('/login', passport.authenticate('local', { session: false }), login)\n",
		}, 0},
		{"passport jwt guard applied", [2]string{"javascript", "express"}, map[string]string{
			"routes/books.js": "router.get('/books', passport.authenticate('jwt', { session: false }), list)\n",
		}, 1},
		{"go AuthMiddleware defined, never used", [2]string{"go", "gin"}, map[string]string{
			"middleware/auth.go": "package middleware\n\nfunc AuthMiddleware() gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tif c.GetHeader(\"Authorization\") == \"\" {\n\t\t\tc.AbortWithStatus(401)\n\t\t}\n\t}\n}\n",
			"main.go":            "package main\n\nfunc main() {\n\tr := gin.Default()\n\tr.GET(\"/books\", getBooks)\n\tr.POST(\"/books\", createBook)\n}\n",
		}, 0},
		{"go AuthMiddleware applied to a group", [2]string{"go", "gin"}, map[string]string{
			"main.go": "package main\n\nfunc main() {\n\tr := gin.Default()\n\tapi := r.Group(\"/api\")\n\tapi.Use(middleware.AuthMiddleware())\n\tapi.POST(\"/books\", createBook)\n}\n",
		}, 1},
		{"spring @PreAuthorize without method security turned on", [2]string{"java", "spring-boot"}, map[string]string{
			"src/main/java/a/web/AccountController.java": "@RestController\nclass AccountController {\n  @PreAuthorize(\"hasRole('ADMIN')\")\n  @DeleteMapping(\"/{id}\") void delete() {}\n}\n",
			"src/main/java/a/config/SecurityConfig.java": "@Configuration\n@EnableWebSecurity\npublic class SecurityConfig {\n  @Bean SecurityFilterChain chain(HttpSecurity http) throws Exception { return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build(); }\n}\n",
		}, 0},
		{"spring @PreAuthorize with @EnableMethodSecurity", [2]string{"java", "spring-boot"}, map[string]string{
			"src/main/java/a/web/AccountController.java":       "@RestController\nclass AccountController {\n  @PreAuthorize(\"hasRole('ADMIN')\")\n  @DeleteMapping(\"/{id}\") void delete() {}\n  @Secured(\"ROLE_USER\")\n  @GetMapping void list() {}\n}\n",
			"src/main/java/a/config/MethodSecurityConfig.java": "@Configuration\n@EnableMethodSecurity(securedEnabled = true)\npublic class MethodSecurityConfig {}\n",
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := detect(t, stack(tt.st[0], tt.st[1]), tt.files)
			if a.ProtectedRoutes != tt.want {
				t.Errorf("protected = %d at %v, want %d", a.ProtectedRoutes, a.ProtectedEvidence, tt.want)
			}
		})
	}
}

// A FAIL names the guard written and never applied, and what counts.
func TestUnappliedGuardIsNamed(t *testing.T) {
	a := detect(t, stack("python", "fastapi"), map[string]string{
		"app/auth.py": "async def get_current_user(token: str = Depends(oauth2_scheme)):\n    return token\n",
		"app/main.py": "@app.get('/items')\ndef items():\n    return []\n",
	})
	if a.ProtectedRoutes != 0 || len(a.Unapplied) != 1 || a.Unapplied[0].Path != "app/auth.py" {
		t.Errorf("protected %d, unapplied %v; want the dependency named", a.ProtectedRoutes, a.Unapplied)
	}
	if !strings.Contains(a.ProtectLookedFor, "Depends(get_current_user)") || len(a.KnownLibraries) == 0 {
		t.Errorf("looked for %q, libraries %v", a.ProtectLookedFor, a.KnownLibraries)
	}
	// Applied somewhere: the definition is not reported.
	a = detect(t, stack("python", "fastapi"), map[string]string{
		"app/auth.py": "async def get_current_user(token: str = Depends(oauth2_scheme)):\n    return token\n",
		"app/main.py": "@app.get('/items')\ndef items(user=Depends(get_current_user)):\n    return []\n",
	})
	if a.ProtectedRoutes != 1 || len(a.Unapplied) != 0 {
		t.Errorf("protected %d, unapplied %v; want 1 and none", a.ProtectedRoutes, a.Unapplied)
	}
}
