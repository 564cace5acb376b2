// Package js is the stack pack of JavaScript/TypeScript: its frameworks and the
// patterns vetfolio reads in its code.
package js

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// Pack is the JavaScript/TypeScript stack pack.
var Pack = &pack.Pack{
	ID:        "js",
	Name:      "JavaScript/TypeScript",
	Ecosystem: "node",
	Languages: map[string]string{".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".ts": "typescript", ".mts": "typescript"},
	Frameworks: []pack.Framework{
		{ID: "nestjs", Name: "NestJS", Deps: []string{"@nestjs/core"}, Probe: pack.Probe{Docs: []string{"/api", "/docs", "/api/docs", "/swagger"}, Spec: []string{"/api-json", "/docs-json", "/api/docs-json"}}, Fixes: nestjsFixes},
		{ID: "fastify", Name: "Fastify", Deps: []string{"fastify"}, Probe: pack.Probe{Docs: []string{"/documentation", "/docs", "/api-docs"}, Spec: []string{"/documentation/json", "/docs/json"}}, Fixes: fastifyFixes},
		{ID: "koa", Name: "Koa", Deps: []string{"koa"}},
		{ID: "hapi", Name: "hapi", Deps: []string{"@hapi/hapi", "hapi"}},
		{ID: "hono", Name: "Hono", Deps: []string{"hono"}},
		{ID: "adonis", Name: "AdonisJS", Deps: []string{"@adonisjs/core"}},
		{ID: "express", Name: "Express", Entry: "src/index.js", Deps: []string{"express"}, Probe: pack.Probe{Docs: []string{"/api-docs", "/docs", "/api/docs", "/swagger"}, Spec: []string{"/api-docs.json", "/swagger.json", "/api-docs/swagger.json"}}, Fixes: expressFixes},
		{ID: "nextjs", Name: "Next.js", Deps: []string{"next"}, Weak: true},
	},
	Auth: pack.Auth{
		Libraries: []string{"jsonwebtoken", "passport", "@nestjs/jwt", "express-session"},
		ProtectLookedFor: map[string]string{
			"":        "an auth middleware passed to app.use or to a route (router.get('/x', verifyToken, handler))",
			"nestjs":  "@UseGuards(...) on a controller or route, an APP_GUARD provider, or an auth middleware applied with consumer.apply(...).forRoutes(...)",
			"fastify": "an onRequest/preHandler hook or route option that authenticates",
		},
		Code: []pack.Signal{
			pack.Sig(`(?:require\(\s*|from\s+)['"]jsonwebtoken['"]`, "jsonwebtoken", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"]@nestjs/jwt['"]`, "@nestjs/jwt", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"]passport-jwt['"]`, "passport-jwt", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:@fastify/jwt|fastify-jwt)['"]`, "@fastify/jwt", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"]express-jwt['"]`, "express-jwt", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"]jose['"]`, "jose", "jwt", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:passport-google-oauth20|passport-google-oauth2|passport-github2?|passport-oauth2|passport-facebook|passport-discord)['"]`, "passport-oauth", "oauth", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:next-auth|@auth/core|@auth/express)(?:/[\w/-]*)?['"]`, "next-auth", "oauth", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:express-session|cookie-session|@fastify/session|@fastify/secure-session)['"]`, "express-session", "session", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:passport|@nestjs/passport|passport-local)['"]`, "passport", "", ""),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:bcrypt|bcryptjs|bcrypt-nodejs)['"]`, "", "", "bcrypt"),
			pack.Sig(`(?:require\(\s*|from\s+)['"](?:argon2|@node-rs/argon2)['"]`, "", "", "argon2"),
			pack.Sig(`\bcrypto\.scrypt(?:Sync)?\(|\bscrypt(?:Sync)?\(\s*password`, "", "", "scrypt"),
			pack.Sig(`\bcrypto\.pbkdf2(?:Sync)?\(|\bpbkdf2(?:Sync)?\(\s*password`, "", "", "pbkdf2"),
			pack.Sig(`createHash\(\s*['"](?:md5|sha1|sha256|sha512)['"]\s*\)[^\n]*password`, "", "", "other"),
		},
		Deps: map[string]pack.DepSignal{
			"jsonwebtoken":            {Lib: "jsonwebtoken", Kind: "jwt", Hash: ""},
			"@nestjs/jwt":             {Lib: "@nestjs/jwt", Kind: "jwt", Hash: ""},
			"passport-jwt":            {Lib: "passport-jwt", Kind: "jwt", Hash: ""},
			"@fastify/jwt":            {Lib: "@fastify/jwt", Kind: "jwt", Hash: ""},
			"fastify-jwt":             {Lib: "@fastify/jwt", Kind: "jwt", Hash: ""},
			"express-jwt":             {Lib: "express-jwt", Kind: "jwt", Hash: ""},
			"jose":                    {Lib: "jose", Kind: "jwt", Hash: ""},
			"passport-google-oauth20": {Lib: "passport-oauth", Kind: "oauth", Hash: ""},
			"passport-github2":        {Lib: "passport-oauth", Kind: "oauth", Hash: ""},
			"passport-github":         {Lib: "passport-oauth", Kind: "oauth", Hash: ""},
			"passport-oauth2":         {Lib: "passport-oauth", Kind: "oauth", Hash: ""},
			"next-auth":               {Lib: "next-auth", Kind: "oauth", Hash: ""},
			"express-session":         {Lib: "express-session", Kind: "session", Hash: ""},
			"cookie-session":          {Lib: "express-session", Kind: "session", Hash: ""},
			"@fastify/session":        {Lib: "express-session", Kind: "session", Hash: ""},
			"@fastify/secure-session": {Lib: "express-session", Kind: "session", Hash: ""},
			"passport":                {Lib: "passport", Kind: "", Hash: ""},
			"@nestjs/passport":        {Lib: "passport", Kind: "", Hash: ""},
			"bcryptjs":                {Lib: "", Kind: "", Hash: "bcrypt"},
			"argon2":                  {Lib: "", Kind: "", Hash: "argon2"},
		},
		KeyAssign: scan.MustCompile(`(?:const|let|var)\s+([\w$]*(?:secret|SECRET|Secret|SigningKey|SIGNING_KEY)[\w$]*)\s*(?::\s*\w+\s*)?=\s*` + jsEnvFallback + `['"` + "`" + `]([^'"` + "`" + `\n]*)['"` + "`" + `]`),
	},
	Errors: pack.Errors{
		// Registrations count wherever the handler is defined; a NestJS
		// @Catch filter counts once useGlobalFilters, @UseFilters or an
		// APP_FILTER provider names it. Express and Koa error middleware
		// are matched with their .use() in internal/detect/code.
		Central: scan.MustCompile(`\.useGlobalFilters\s*\(|\bAPP_FILTER\b|\.setErrorHandler\s*\(`),
		LookedFor: map[string]string{
			"":        "a four-argument error middleware (err, req, res, next) registered with app.use, inline or by name",
			"nestjs":  "an exception filter (@Catch) registered with app.useGlobalFilters, an APP_FILTER provider or @UseFilters",
			"fastify": "a fastify.setErrorHandler(...) call",
			"koa":     "an error middleware that wraps await next() in try/catch, registered with app.use",
		},
		Handlers: scan.MustCompile(`@Catch\s*\([^)]*\)\s*(?:export\s+)?(?:default\s+)?class\s+([\w$]+)`),
		Registers: []*scan.Regexp{
			scan.MustCompile(`\.useGlobalFilters\s*\(`),
			scan.MustCompile(`@UseFilters\s*\(`),
			scan.MustCompile(`\buseClass\s*:\s*([\w$]+)`),
		},
		Status: []pack.StatusPattern{
			pack.Num(`\.status\(\s*(?:[\w.]+\s*(?:\|\||\?\?)\s*)?([45]\d\d)\s*\)`),
			pack.Num(`\.code\(\s*([45]\d\d)\s*\)`),
			pack.Num(`\bsendStatus\(\s*([45]\d\d)`),
			pack.Num(`\bstatusCode\s*[:=]\s*([45]\d\d)\b`),
			pack.Num(`\bstatus\s*:\s*([45]\d\d)\b`),
			pack.Num(`\bcreateError\(\s*([45]\d\d)`),
			pack.Num(`new\s+HttpException\([^;]*?,\s*([45]\d\d)\s*\)`),
			// A project's own error class, thrown for the central handler:
			// new ApiError(404, ...), new FailResponse(401, ...), and the
			// Natours idiom new AppError('No tour found', 404).
			pack.Num(`\bnew\s+[A-Z]\w*(?:Error|Exception|Response|Failure)\(\s*([45]\d\d)\b`),
			pack.Num(`\bnew\s+[A-Z]\w*(?:Error|Exception)\([^;\n]*?,\s*([45]\d\d)\s*\)`),
			pack.Name(`\b(?:HttpStatus|StatusCodes|httpStatus)\.([A-Z_]+)`),
			pack.Name(`\bnew\s+(\w+Exception)\(`),
			pack.Name(`\b(?:Boom|createError|httpErrors|reply)\.(\w+)\(`),
		},
	},
	Logging: pack.Logging{
		Middleware:  scan.MustCompile(`\.use\(\s*(?:async\s*)?\(?\s*req\w*\s*(?::[^,]+)?,\s*res\w*\s*(?::[^,]+)?,\s*next|implements\s+(?:NestMiddleware|NestInterceptor)\b`),
		LogsRequest: scan.MustCompile(`(?:console|log\w*|this\.logger)\.(?:log|info|debug|http)\([^\n]*(?:req\w*\.(?:method|url|originalUrl|path)|\bmethod\b)|[\w$]+\.(?:log|info|debug|http)\([^\n]*(?:\breq\w*\.(?:method|url|originalUrl|path)\b|\boriginalUrl\b)`),
		Patterns: []pack.LogPattern{
			pack.Log("winston", pack.LogConfigured, `\bcreateLogger\s*\(`, "winston"),
			pack.Log("pino", pack.LogConfigured, `\bpino\s*\(`, "pino"),
			pack.Log("bunyan", pack.LogConfigured, `bunyan\.createLogger\s*\(`, ""),
			pack.Log("morgan", pack.LogRequest, `\bmorgan\s*\(`, ""),
			pack.Log("pino", pack.LogRequest, `\bpinoHttp\s*\(|require\(\s*['"]pino-http['"]\s*\)\s*\(|\bexpressPino\s*\(`, ""),
			pack.Log("winston", pack.LogRequest, `expressWinston\.logger\s*\(`, ""),
			pack.Log("pino", pack.LogRequest, `LoggerModule\.forRoot`, "nestjs-pino"),
			pack.Log("nestjs-logger", pack.LogConfigured, `\bnew\s+Logger\s*\(|\.useLogger\s*\(`, "@nestjs/common"),
			// Fastify({ logger: true }) logs every request with pino; "astify"
			// matches fastify and Fastify.
			pack.Log("pino", pack.LogRequest, `\blogger\s*:\s*(?:true|\{|envToLogger|loggerOptions)`, "astify"),
		},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"javascript": tests,
			"typescript": tests,
		},
	},
	Database: pack.Database{Schema: append([]schema.Reader{prismaSchemaReader, prismaMigrationReader}, schemaReaders...)},
	Fixes:    fixes,
}

// jsEnvFallback optionally matches "process.env.X || " or "?? " before a
// literal: the literal is used whenever the variable is unset.
const jsEnvFallback = `(?:process\.env(?:\.[\w$]+|\[[^\]\n]+\])\s*(?:\|\||\?\?)\s*)?`

var tests = pack.TestLanguage{Test: scan.MustCompile("(?:^|[^.\\w$])(?:describe|it|test)(?:\\.(?:only|skip|concurrent|todo))?\\s*\\(\\s*[\"'`]|(?:^|[^.\\w$])(?:describe|it|test)\\.each\\b|\\bDeno\\.test\\("),
	Frameworks: []pack.Named{
		pack.N("vitest", `from\s+['"]vitest['"]|require\(\s*['"]vitest['"]\s*\)`),
		pack.N("node-test", `['"]node:test['"]`),
		pack.N("jest", `['"]@jest/globals['"]|\bjest\.(?:fn|mock|spyOn|useFakeTimers)\(`),
		pack.N("mocha", `['"](?:mocha|chai)['"]`),
		pack.N("jasmine", `\bjasmine\.`),
	},
	Integration: scan.MustCompile(`['"]supertest['"]|\brequest\(\s*(?:app|server|this\.app|httpServer)\b|\bgetHttpServer\(\)|\.inject\(\s*\{|\.inject\(\)\s*\.|\bchai\.request\(|['"]chai-http['"]|\baxios\.(?:get|post|put|patch|delete)\(\s*["'` + "`" + `](?:/|https?://(?:localhost|127\.0\.0\.1))|['"]light-my-request['"]|['"]pactum['"]|\bfetch\(\s*(?:["'` + "`" + `]https?://(?:localhost|127\.0\.0\.1)|` + "`" + `\$\{\s*\w*(?:url|Url|URL|address|base|host)\w*|\w*(?:url|Url|URL|address|base|host)\w*\s*\+)`),
	Boilerplate: jsGeneratedSpec,
}

var helloWorld = scan.MustCompile(`['"]Hello World!['"]|learn react`)

// jsGeneratedSpec recognises the specs the NestJS CLI and Create React App
// generate: a "Hello World!" or "learn react" expectation and little else.
func jsGeneratedSpec(code []byte, tests int) bool {
	return tests <= 3 && helloWorld.Match(code)
}
