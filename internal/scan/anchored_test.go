package scan

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// anchoredPatterns are patterns that span lines, whose matches start at a
// line start or with a literal: the shapes the anchored search takes over.
var anchoredPatterns = []string{
	`(?m)^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?`,
	`(?m)^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))`,
	`(?m)^\s*(\w+)\s*(?::\s*\w+\s*)?=\s*(?:\w+\.)?(APIRouter|Blueprint|Namespace)\s*\(`,
	`(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(|^[ \t]*class[ \t]+\w+[ \t]*\([^)]*TestCase[^)]*\)`,
	`\bcode\s*=\s*([45]\d\d)\b`,
	`\bAPIRouter\s*\([^)]*\bresponses\s*=`,
	`\.(include_router|register_blueprint|add_namespace)\s*\(`,
	`@\s*(\w+(?:\.\w+)*)\.(get|post)\s*\(`,
	`(?i)\bCREATE\s+TABLE\s+(\w+)`,
	`\b(?:ForeignKey|OneToOneField)\s*\(|\bforeign_key\s*=\s*["']`,
	`(?m)^\s*`,           // empty matches at every line start
	`(?m)^$\n?`,          // empty lines, possibly empty match at the end
	`(?m)^(?:\s*|x\s+y)`, // an empty match that a longer one follows
	`\bab\b\s*|\Aab`,     // \A inside the pattern
	`\Bab\s*c`,           // \B before the literal
	`(?m)^\s*\z|^x\s*`,   // end of text
	`\bxy\s*\(?`,         // a literal that may end the text
	`(?m)^[ \t]*@\w+(?:\.\w+)*\.(get|post)\s*\(`,
	`(?m)^ ?xy\s*c|^\t*ab`,    // indentation of one branch, another's
	`(?i)\bPORT\s*[:=]\s*\w+`, // case-folded start literal
	// Branches with starters of different kinds, and the kinds that only
	// branches have: a literal past a gap, a character before a literal.
	`\[\s*(?:Required|Range)\b|:\s*AbstractValidator\s*<|\.AddValidation\s*\(`,
	`(?:^|[^\w.])(NotFound|Conflict)\s*\(`,
	`(?m)^[ \t]*(?:RSpec\.)?describe\b|^[ \t]*(?:it|specify)\b[ \t(]*["'{]|^[ \t]*def\s+test_|\brun_test!`,
	`(?:(?i:\b(?:const|static\s+readonly|static))\s+string\s+(\w*(?i:key)\w*)\s*=\s*|\bSymmetricSecurityKey\s*\(\s*)@?"([^"\n]{2,})"`,
	`\b_?[lL]ogger\s*\.\s*Log\w*\s*\(|\[\s*LoggerMessage\s*\(`,
	`(?m)^a\s*|\bxy\s*z`, // every line start, and a literal
}

// anchoredInputs hold what trips context-sensitive assertions: multi-byte
// characters just before a literal, CRLF, empty lines, invalid UTF-8, text
// ending mid-pattern.
var anchoredInputs = []string{
	"", "\n", "\n\n", "import os\nimport a.b as c\n\n  import\n  x\n",
	"from a import (\n b,\n c)\nfrom x.y import z, w\n",
	"router = APIRouter(prefix='/x')\nbp: Blueprint =\n  Blueprint(\n",
	"class T(\n  TestCase):\n    def test_x(self):\n        pass\nasync def testy (",
	"écode = 404\nécode=500 code =\n 404\n\xffcode=418\nxcode=400",
	"APIRouter(responses={})\nAPIRouter(\n  prefix='/a', responses=\n",
	"app.include_router(r)\nbp.register_blueprint (x)\n.add_namespace\n(",
	"@app.get('/')\n@ router.post (\n@x.y.get(",
	"create table Users\nCREATE\n TABLE t\nxcreate table no\n",
	"ForeignKey(x)\nOneToOneField \n(\nforeign_key = 'a'\n",
	"ab c\nabc\n ab\n\tab  c", "xab c\néab c\nab", "x  \n y\n\n", "xy", "xy(", "é\nxy (", "a\r\nimport os\r\n",
	"port: abc\nPORT=1\nports = 2\néport = 3\nPoRt : q", "\xe2\x82code = 404", "import",
	"[Required]\n[ \n Range(1)]\n[x Required]\n[[Required\nclass A : AbstractValidator<A>\n:\nAbstractValidator <\n.AddValidation (",
	"NotFound()\néNotFound(x)\n\xe2\x82NotFound (\n.NotFound(\nxNotFound(\n\xffConflict\n(\n Conflict(",
	"describe X do\n  it 'a' do\n  it{\n\tspecify (\"x\"\n  def test_a\nx.run_test!\n  RSpec.describe\nit\n",
	"static string JwtKey = \"abc\";\nconst string  \u212Aey = \"xy\"\nſtatic string key=\n\"abc\"\nSymmetricSecurityKey(\n@\"k\")",
	"_logger.LogInformation(\nLogger . Log (\n[ LoggerMessage(\n[\nLoggerMessage (\nlogger\n.\nLogWarning\n(",
	"a\nb a\nxy z\nxyz\n\nxy\n\nz",
}

func TestAnchoredSearchEqualsRegexp(t *testing.T) {
	for _, p := range anchoredPatterns {
		ours := compileNow(p)
		if ours.starts == startAnywhere && !ours.lineLocal {
			t.Errorf("%q: expected an anchored search", p)
		}
		std := regexp.MustCompile(p)
		for _, in := range anchoredInputs {
			assertSameAnswers(t, ours, std, []byte(in))
		}
	}
}

// TestAnchoredSearchRandomText checks the same patterns on random texts
// built from the pieces they look for, where matches overlap, touch and
// start at every kind of position.
func TestAnchoredSearchRandomText(t *testing.T) {
	pieces := []string{"\n", " ", "\t", "import", "from", "code", "=", "404", "(", ")", "é", "\xff", "ab", "c",
		"x", "y", "APIRouter", "responses", ".include_router", "@", "app", ".get", "create", "TABLE", "port", ":",
		"TestCase", "class", "def", "async ", "  ", "@app.get", "test_", "ForeignKey", "foreign_key", "'", "\r\n", "as", ",", "_", "ſ",
		"[", "Required", "Range", ":", "AbstractValidator", "<", ".AddValidation", "NotFound", "Conflict", "\xe2\x82",
		"describe", "it", "RSpec.", "specify", "run_test!", "{", "static", "const", "string", "key", "\u212Aey", "ſtatic",
		"\"", "SymmetricSecurityKey", "@", "_logger", "Logger", ".Log", "LoggerMessage", "xy", "z", "a"}
	rng := rand.New(rand.NewSource(12))
	for _, p := range anchoredPatterns {
		ours, std := compileNow(p), regexp.MustCompile(p)
		for range 400 {
			var b strings.Builder
			for range rng.Intn(40) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			assertSameAnswers(t, ours, std, []byte(b.String()))
		}
	}
}

// assertSameAnswers checks ours against std on in, searched as is and
// then lent with its literal index, as the collector lends file contents.
func assertSameAnswers(t *testing.T, ours *Regexp, std *regexp.Regexp, in []byte) {
	t.Helper()
	assertSameAnswersOnce(t, ours, std, in)
	if x := NewIndexed(in); x != nil {
		x.Lend(1)
		defer x.Release()
		assertSameAnswersOnce(t, ours, std, in)
	}
}

func assertSameAnswersOnce(t *testing.T, ours *Regexp, std *regexp.Regexp, in []byte) {
	t.Helper()
	if got, want := ours.FindAllSubmatchIndex(in, -1), std.FindAllSubmatchIndex(in, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindAllSubmatchIndex = %v, regexp gives %v", std, in, got, want)
	}
	if got, want := ours.FindSubmatchIndex(in), std.FindSubmatchIndex(in); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindSubmatchIndex = %v, regexp gives %v", std, in, got, want)
	}
	if got, want := ours.Match(in), std.Match(in); got != want {
		t.Fatalf("%q on %q: Match = %v, regexp gives %v", std, in, got, want)
	}
	if got, want := ours.FindAllIndex(in, 2), std.FindAllIndex(in, 2); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q on %q: FindAllIndex(2) = %v, regexp gives %v", std, in, got, want)
	}
}

func TestStartKinds(t *testing.T) {
	cases := []struct {
		pattern string
		kind    startKind
		lits    int
	}{
		{`(?m)^\s*import\s+(\w+)`, startLineStart, 0},
		{`(?m)^a\s*b|^c\s*d`, startLineStart, 0},
		{`(?m)^ab\s*b|cd\s*d`, startLiteral, 2},                    // one branch unanchored: its literal, and ab
		{`\.(include_router|add_namespace)\s*\(`, startLiteral, 2}, // .include_router, .add_namespace
		{`\.\s*x`, startAnywhere, 0},                               // a dot starts too many
		{`\w+\s*=`, startAnywhere, 0},
		{`(?i)\bsecret\s*=`, startLiteral, 1}, // ſ folds to s: anchoredOn decides per text
		{`(?i)\bcreate\s+table`, startLiteral, 1},
		{`\s*import\s+x`, startAnywhere, 0},
		{`(?m)^[ \t]*class\s+(\w+)`, startIndented, 1},
		{`(?m)^[ \t]*(?:async[ \t]+)?def\s+test|^[ \t]*class\s`, startIndented, 3},
		{`(?m)^\s*class`, startLineStart, 0},                  // \s* crosses lines
		{`(?m)^[ \t]*\w+\s*=\s*APIRouter`, startLineStart, 0}, // no literal after the indent
		{`\[\s*(?:Required|Range)\b`, startGapped, 2},         // [Required, [Range
		{`\[\s*(?:Required|Range)\b|\.AddValidation\s*\(`, startMixed, 3},
		{`\[\s*\w+`, startAnywhere, 0},  // nothing named after the gap
		{`\[[ a]*ab`, startAnywhere, 0}, // the gap's class starts the follow literal
		{`(?:^|[^\w.])(NotFound|Conflict)\s*\(`, startBefore, 2},
		{`(?m)^[ \t]*describe\s|^[ \t]*it\b|\brun_test!`, startMixed, 3},
		{`(?:(?i:\b(?:const|static))\s+string\s+\w+|\bSymmetricSecurityKey\s*\()"\w+"`, startLiteral, 3},
	}
	for _, tc := range cases {
		r := compileNow(tc.pattern)
		if texts := r.startTexts(); r.starts != tc.kind || len(texts) != tc.lits {
			t.Errorf("%q: starts %d with %q, want %d with %d literals", tc.pattern, r.starts, texts, tc.kind, tc.lits)
		}
	}
}
