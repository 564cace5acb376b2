package auth

import "testing"

// unguarded is findPasswords without the "passw" shortcut: the shortcut
// must never change the answer.
func unguarded(code []byte) int {
	if m := passwordUseRe.FindIndex(code); m != nil {
		return m[0]
	}
	for _, m := range passwordTokenRe.FindAllSubmatchIndex(code, -1) {
		tok := code[m[2]:m[3]]
		if isUpper(tok) {
			continue
		}
		line := lineOf(code, m[2])
		if infraLineRe.Match(line) && !ormFieldRe.Match(line) {
			continue
		}
		return m[2]
	}
	return -1
}

func TestContainsPassw(t *testing.T) {
	for in, want := range map[string]bool{
		"":                     false,
		"passw":                true,
		"PASSW":                true,
		"x.PassWord":           true,
		"wwww passwd":          true,
		"WWWW pass W":          false,
		"class A:\n    pass\n": false,
		"w":                    false,
		"assw":                 false,
		"bypass wall":          false,
		"\xff\xfePassw\x00":    true,
	} {
		if got := containsPassw([]byte(in)); got != want {
			t.Errorf("containsPassw(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestFindPasswordsShortcutKeepsTheAnswer(t *testing.T) {
	for _, in := range []string{
		"class Item(Base):\n    pass\n",
		"passport.use(new LocalStrategy(verify))",
		"const passportLocal = require('passport-local')",
		"provider = new DaoAuthenticationProvider();",
		"def verify_password(plain, hashed):\n    pass\n",
		"user.password = hash(form.password)",
		"MAIL_PASSWORD = os.environ['MAIL_PASSWORD']",
		"db_password = settings.database.password",
		"form: OAuth2PasswordRequestForm = Depends()",
		"if (!user.comparePassword(req.body.passwd)) {}",
		"def bypass(): pass",
	} {
		if got, want := findPasswords([]byte(in)), unguarded([]byte(in)); got != want {
			t.Errorf("findPasswords(%q) = %d, unguarded %d", in, got, want)
		}
	}
	if findPasswords([]byte("passport.use(new LocalStrategy(verify))")) < 0 {
		t.Error("LocalStrategy without the word password is a password login")
	}
	if findPasswords([]byte("class Item(Base):\n    pass\n")) != -1 {
		t.Error("the pass keyword is not a password")
	}
}
