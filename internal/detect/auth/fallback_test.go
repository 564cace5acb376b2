package auth

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// A literal after an environment fallback, or as a Spring @Value default,
// is the signing key whenever the variable is unset.
func TestFallbackKeys(t *testing.T) {
	tests := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		want  want
	}{{
		name: "express passport-jwt and jsonwebtoken with env fallbacks",
		st:   stack("javascript", "express", "express", "jsonwebtoken", "passport-jwt"),
		files: map[string]string{
			"src/config/passport.js": "const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt')\n\nconst opts = {\n  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),\n  secretOrKey: process.env.JWT_SECRET || 'superSecret',\n}\npassport.use(new JwtStrategy(opts, verify))\n",
			"src/utils/token.js":     "const jwt = require('jsonwebtoken')\nconst SECRET = process.env.JWT_SECRET ?? 'dev-secret-123'\n\nexports.sign = (user) =>\n  jwt.sign({ id: user.id }, process.env.JWT_SECRET || 'fallbacksecret', { expiresIn: '1d' })\n",
			"src/config/index.js":    "module.exports = {\n  port: process.env.PORT || 3000,\n  jwtSecret: process.env.JWT_SECRET || 'mysecret',\n  jwtExpiresIn: process.env.JWT_EXPIRES_IN || '7d',\n}\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 4},
	}, {
		name: "nestjs JwtModule with a fallback in the module options",
		st:   stack("typescript", "nestjs", "@nestjs/jwt"),
		files: map[string]string{
			"src/auth/auth.module.ts": "import { JwtModule } from '@nestjs/jwt';\n\n@Module({\n  imports: [\n    JwtModule.register({\n      secret: process.env['JWT_SECRET'] ?? 'topSecret51',\n      signOptions: { expiresIn: 3600 },\n    }),\n  ],\n})\nexport class AuthModule {}\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 1},
	}, {
		name: "env without a literal fallback, token storage keys and session secrets are no jwt key",
		st:   stack("typescript", "express", "express", "jsonwebtoken", "express-session"),
		files: map[string]string{
			"src/auth/jwt.ts":    "import jwt from 'jsonwebtoken'\n\nexport const sign = (id: string) =>\n  jwt.sign({ id }, process.env.JWT_SECRET || process.env.SECRET!, { expiresIn: process.env.JWT_TTL || '1h' })\nconst opts = { secret: process.env.JWT_SECRET as string }\n",
			"src/app.ts":         "import session from 'express-session'\napp.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat', resave: false }))\n",
			"client/src/api.ts":  "export const storage = { tokenKey: 'auth_token', jwtKeyName: process.env.REACT_APP_TOKEN }\nconst TOKEN_KEY = 'token'\n",
			"src/config/test.ts": "export default { jwtTokenSecretName: process.env.JWT_SECRET }\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 0},
	}, {
		name: "spring @Value defaults for the secret, java and kotlin",
		st:   stack("java", "spring-boot", "spring-boot-starter-security", "jjwt-api"),
		files: map[string]string{
			"src/main/java/murraco/security/JwtTokenProvider.java": "package murraco.security;\n\nimport io.jsonwebtoken.Jwts;\n\n@Component\npublic class JwtTokenProvider {\n\n  @Value(\"${security.jwt.token.secret-key:secret-key}\")\n  private String secretKey;\n\n  @Value(\"${security.jwt.token.expire-length:3600000}\")\n  private long validityInMilliseconds = 3600000;\n}\n",
			"src/main/kotlin/app/security/TokenService.kt":         "package app.security\n\nimport io.jsonwebtoken.Jwts\n\n@Service\nclass TokenService(\n    @Value(\"\\${jwt.secret:mySuperSecretKeyForDevelopment}\") private val secret: String,\n    @Value(\"\\${jwt.expiration:86400}\") private val expiration: Long,\n)\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 2},
	}, {
		name: "spring @Value without a default, or with an empty or placeholder one",
		st:   stack("java", "spring-boot", "jjwt-api"),
		files: map[string]string{
			"src/main/java/app/JwtService.java": "package app;\n\nimport io.jsonwebtoken.Jwts;\n\n@Service\npublic class JwtService {\n  @Value(\"${jwt.secret}\") private String secret;\n  @Value(\"${jwt.refresh-secret:}\") private String refreshSecret;\n  @Value(\"${jwt.signing-key:${JWT_SECRET}}\") private String signingKey;\n  @Value(\"${jwt.secret-expiration-ms:86400000}\") private long ttl;\n}\n",
		},
		want: want{kind: "jwt", protected: -1, keys: 0},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.st, tt.files), tt.want) })
	}
}

// requireUser and restrictTo('admin') are the middleware names of two
// popular Express courses (the Natours API and TomDoesTech's REST API).
func TestRequireUserMiddleware(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{{
		name: "router.use(requireUser) and restrictTo in a route",
		files: map[string]string{
			"src/routes/booking.route.ts": "import express from 'express'\nimport requireUser from '../middleware/requireUser'\nimport restrictToRole from '../middleware/restrictToRole'\n\nconst router = express.Router({ mergeParams: true })\n\nrouter.use(requireUser)\n\nrouter.get('/checkout-session/:tourId', getStripeCheckoutSessionHandler)\n",
			"src/routes/tour.route.ts":    "const router = express.Router()\nrouter.get('/', getAllToursHandler)\nrouter\n  .route('/:id')\n  .delete(restrictTo('admin', 'lead-guide'), deleteTourHandler)\n",
			"src/middleware/jwt.ts":       "import jwt from 'jsonwebtoken'\n",
		},
		want: want{kind: "jwt", protected: 2},
	}, {
		name: "a user router and a handler named requireUsers are no middleware",
		files: map[string]string{
			"src/app.ts":            "app.use('/api/users', userRouter)\napp.use(requestUserAgent)\nrouter.get('/users', listUsers)\n",
			"src/middleware/jwt.ts": "import jwt from 'jsonwebtoken'\n",
		},
		want: want{kind: "jwt", protected: -1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, detect(t, stack("typescript", "express", "express", "jsonwebtoken"), tt.files), tt.want)
		})
	}
}
