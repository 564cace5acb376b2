// Package jvm is the stack pack of Java/Kotlin: its frameworks and the
// patterns vetfolio reads in its code.
package jvm

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the Java/Kotlin stack pack.
var Pack = &pack.Pack{
	ID:        "jvm",
	Name:      "Java/Kotlin",
	Ecosystem: "jvm",
	Languages: map[string]string{".java": "java", ".kt": "kotlin"},
	Frameworks: []pack.Framework{
		{ID: "spring-boot", Name: "Spring Boot", Deps: []string{"org.springframework.boot"}, DepPrefixes: []string{"spring-boot-starter", "org.springframework.boot:"}, Probe: pack.Probe{Health: []string{"/actuator/health", "/health", "/api/health", "/healthz", "/status", "/ping"}, Docs: []string{"/swagger-ui/index.html", "/swagger-ui.html"}, Spec: []string{"/v3/api-docs", "/v2/api-docs"}}, Fixes: springBootFixes},
		{ID: "quarkus", Name: "Quarkus", DepPrefixes: []string{"io.quarkus:"}},
		{ID: "micronaut", Name: "Micronaut", DepPrefixes: []string{"io.micronaut:", "io.micronaut."}},
		{ID: "ktor", Name: "Ktor", DepPrefixes: []string{"io.ktor:ktor-server"}},
		{ID: "javalin", Name: "Javalin", Deps: []string{"io.javalin:javalin"}},
		{ID: "dropwizard", Name: "Dropwizard", DepPrefixes: []string{"io.dropwizard:"}},
	},
	Auth: pack.Auth{
		Libraries: []string{"spring-boot-starter-security", "jjwt", "spring-boot-starter-oauth2-resource-server"},
		ProtectLookedFor: map[string]string{
			"": "a SecurityFilterChain with .authenticated() or hasRole(...), @PreAuthorize/@Secured with @EnableMethodSecurity, or an auth HandlerInterceptor",
		},
		Code: []pack.Signal{
			pack.Sig(`import\s+io\.jsonwebtoken\b`, "jjwt", "jwt", ""),
			pack.Sig(`import\s+com\.auth0\.jwt\b`, "java-jwt", "jwt", ""),
			pack.Sig(`import\s+com\.nimbusds\.(?:jose|jwt)\b`, "nimbus-jose-jwt", "jwt", ""),
			pack.Sig(`\boauth2ResourceServer\b[^;]*\bjwt\b|\bJwtDecoder\b|\bJwtEncoder\b`, "spring-security-oauth2-resource-server", "jwt", ""),
			pack.Sig(`\boauth2Login\b`, "spring-security-oauth2-client", "oauth", ""),
			pack.Sig(`\bformLogin\b`, "spring-security", "session", ""),
			pack.Sig(`\bhttpBasic\s*[({]`, "spring-security", "basic", ""),
			pack.Sig(`import\s+org\.springframework\.security\b`, "spring-security", "", ""),
			pack.Sig(`\bBCryptPasswordEncoder\b|\bBCrypt\.hashpw\(|createDelegatingPasswordEncoder\(`, "", "", "bcrypt"),
			pack.Sig(`\bArgon2PasswordEncoder\b`, "", "", "argon2"),
			pack.Sig(`\bPbkdf2PasswordEncoder\b`, "", "", "pbkdf2"),
			pack.Sig(`\bSCryptPasswordEncoder\b`, "", "", "scrypt"),
			pack.Sig(`MessageDigest\.getInstance\(\s*"(?:MD5|SHA-1|SHA-256|SHA-512)"`, "", "", "other"),
		},
		Deps: map[string]pack.DepSignal{
			"jjwt":            {Lib: "jjwt", Kind: "jwt", Hash: ""},
			"jjwt-api":        {Lib: "jjwt", Kind: "jwt", Hash: ""},
			"java-jwt":        {Lib: "java-jwt", Kind: "jwt", Hash: ""},
			"nimbus-jose-jwt": {Lib: "nimbus-jose-jwt", Kind: "jwt", Hash: ""},
			"spring-boot-starter-oauth2-resource-server": {Lib: "spring-security-oauth2-resource-server", Kind: "jwt", Hash: ""},
			"spring-boot-starter-oauth2-client":          {Lib: "spring-security-oauth2-client", Kind: "oauth", Hash: ""},
			"spring-boot-starter-security":               {Lib: "spring-security", Kind: "session", Hash: ""},
		},
		KeyAssign: scan.MustCompile(`(?:String|val|var|const\s+val)\s+(\w*(?:secret|SECRET|Secret|SigningKey|SIGNING_KEY)\w*)\s*(?::\s*String\s*)?=\s*"([^"\n]*)"`),
	},
	Errors: pack.Errors{
		// Spring picks these up by component scanning wherever they are
		// defined: an advice class in its own file is registered.
		LookedFor: map[string]string{
			"": "a @RestControllerAdvice/@ControllerAdvice class, a ResponseEntityExceptionHandler, or a HandlerExceptionResolver or ErrorController bean",
		},
		Central: scan.MustCompile(`@(?:Rest)?ControllerAdvice\b|\bextends\s+(?:ResponseEntityExceptionHandler|AbstractHandlerExceptionResolver|AbstractErrorWebExceptionHandler)\b|:\s*(?:ResponseEntityExceptionHandler|AbstractHandlerExceptionResolver|AbstractErrorWebExceptionHandler)\(|\bimplements\s+(?:[\w.]+\s*,\s*)*(?:ErrorController|HandlerExceptionResolver|ErrorWebExceptionHandler)\b|\bclass\s+\w+[^{\n]*:\s*(?:[\w.<>]+\s*,\s*)*(?:HandlerExceptionResolver|ErrorController|ErrorWebExceptionHandler)\b`),
		Status: []pack.StatusPattern{
			pack.Name(`\bHttpStatus\.([A-Z_]+)`),
			pack.Name(`ResponseEntity\s*\.(notFound|badRequest|unprocessableEntity|internalServerError)\(`),
			pack.Num(`\.status\(\s*([45]\d\d)\s*\)`),
			pack.Num(`HttpStatusCode\.valueOf\(\s*([45]\d\d)`),
			// The servlet API's constants and sendError, used in filters and
			// entry points (Spring Security's 401 answers).
			pack.Name(`\bHttpServletResponse\.SC_([A-Z_]+)`),
			pack.Num(`\.sendError\(\s*([45]\d\d)\b`),
			pack.Num(`\bHttpStatus\.valueOf\(\s*([45]\d\d)`),
		},
	},
	Logging: pack.Logging{
		Middleware:  scan.MustCompile(`extends\s+OncePerRequestFilter\b|implements\s+(?:HandlerInterceptor|Filter|WebFilter)\b|:\s*(?:OncePerRequestFilter\(\)|HandlerInterceptor|WebFilter)\b`),
		LogsRequest: scan.MustCompile(`(?:log|logger|LOG|LOGGER)\.(?:info|debug)\([^\n]*(?:getRequestURI|getMethod|request\.method|request\.uri|\.path)`),
		Patterns: []pack.LogPattern{
			pack.Log("slf4j", pack.LogConfigured, `LoggerFactory\.getLogger\(|@Slf4j\b|KotlinLogging\.logger|@XSlf4j\b`, ""),
			pack.Log("log4j2", pack.LogConfigured, `LogManager\.getLogger\(|@Log4j2\b`, ""),
			pack.Log("slf4j", pack.LogRequest, `\bCommonsRequestLoggingFilter\b`, ""),
		},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"java": {Test: scan.MustCompile(`@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b`),
				Frameworks: []pack.Named{
					pack.N("testng", `\borg\.testng\b`),
					pack.N("junit", `\borg\.junit\b`),
				},
				Integration: scan.MustCompile(`\bMockMvc\b|\bWebTestClient\b|\bTestRestTemplate\b|@WebMvcTest\b|@WebFluxTest\b|\bRestAssured\b|\bio\.restassured\b|webEnvironment\s*=`),
				Boilerplate: springContextLoads,
			},
			// Kotlin tests use the JUnit annotations, plus Kotest's specs.
			"kotlin": {Test: scan.MustCompile(`@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b|:\s*(?:StringSpec|FunSpec|DescribeSpec|BehaviorSpec|ShouldSpec|WordSpec|FreeSpec|ExpectSpec)\s*\(`),
				Frameworks: []pack.Named{
					pack.N("kotest", `\bio\.kotest\b`),
					pack.N("testng", `\borg\.testng\b`),
					pack.N("junit", `\borg\.junit\b`),
				},
				Integration: scan.MustCompile(`\bMockMvc\b|\bWebTestClient\b|\bTestRestTemplate\b|@WebMvcTest\b|@WebFluxTest\b|\bRestAssured\b|\bio\.restassured\b|webEnvironment\s*=`),
				Boilerplate: springContextLoads,
			},
		},
		Framework: testFramework,
	},
	Database: pack.Database{Schema: []schema.Reader{flywayReader}},
	Fixes:    fixes,
}

var contextLoads = scan.MustCompile(`\bcontextLoads\s*\(`)

// springContextLoads recognises Spring Initializr's only test, which
// checks that the application starts and nothing else.
func springContextLoads(code []byte, tests int) bool {
	return tests <= 1 && contextLoads.Match(code)
}

// testFramework is JUnit unless the code or the build names TestNG.
func testFramework(_, found string, st facts.Stack) string {
	if found != "" {
		return found
	}
	if st.HasDep("testng", "org.testng:testng") {
		return "testng"
	}
	return "junit"
}
