package scan

import (
	"bytes"
	"math/rand"
	"strings"
	"sync"
	"testing"
)

// presentLiterals returns every substring of b of 3 to 12 bytes, some
// with their ASCII case flipped: each must be "maybe present".
func presentLiterals(b []byte, rng *rand.Rand) [][]byte {
	var out [][]byte
	for i := range b {
		for n := 3; n <= 12 && i+n <= len(b); n++ {
			lit := b[i : i+n]
			if rng.Intn(3) == 0 {
				lit = flipASCII(lit)
			}
			out = append(out, lit)
		}
	}
	return out
}

// flipASCII returns a copy of b with the case of its ASCII letters flipped.
func flipASCII(b []byte) []byte {
	out := bytes.Clone(b)
	for k, c := range out {
		switch {
		case 'a' <= c && c <= 'z':
			out[k] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			out[k] = c - 'A' + 'a'
		}
	}
	return out
}

func TestIndexNeverRulesOutAPresentLiteral(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabets := []string{
		"abcAB", // few trigrams, every bit pattern repeated
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\t_=:'\"()",
		"\x00\x7f\x80\xc3\xa9\xe2\x82\xac\xff\xfeKk\u212a", // non-ASCII, invalid UTF-8, the Kelvin sign
	}
	for _, alpha := range alphabets {
		for _, size := range []int{3, 4, 17, 230, 1000, 5000, 70000} {
			b := make([]byte, size)
			for i := range b {
				b[i] = alpha[rng.Intn(len(alpha))]
			}
			x := newIndex(b)
			lits := presentLiterals(b, rng)
			if size > 1000 {
				lits = lits[:1000] // the start, the end follows
				lits = append(lits, presentLiterals(b[size-20:], rng)...)
			}
			for _, lit := range lits {
				if !x.mayContain(lit) {
					t.Fatalf("alphabet %q, %d bytes: %q is in the buffer but ruled out", alpha, size, lit)
				}
			}
		}
	}
}

func TestIndexEdgesCaseAndShortLiterals(t *testing.T) {
	b := []byte("Token = get_User()\nPASSWORD")
	x := newIndex(b)
	for _, lit := range []string{"Tok", "token", "TOKEN", "password", "Password", "WORD", "get_user()", "r()\nP", "x", "zq", ""} {
		if !x.mayContain([]byte(lit)) {
			t.Errorf("%q ruled out of %q", lit, b)
		}
	}
	// 25 trigrams over 256 bits: an absent trigram hits a set bit 9% of
	// the time, so one of these five may pass, not more.
	passed := 0
	for _, lit := range []string{"secret", "tokens", "passwords", "user_get", "zzz"} {
		if x.mayContain([]byte(lit)) {
			passed++
		}
	}
	if passed > 1 {
		t.Errorf("%d of 5 absent literals said maybe present in %q", passed, b)
	}
	// 25 trigrams over 256 bits: one set bit passes for another 9% of the
	// time, two 0.9%, three 0.08%, so three trigrams are enough to be sure.
	if x.sure != 3 || !x.likely([]byte("token")) || x.likely([]byte("toke")) {
		t.Errorf("sure = %d; token likely %v, toke likely %v", x.sure, x.likely([]byte("token")), x.likely([]byte("toke")))
	}
	if big := newIndex(bytes.Repeat(b, 3000)); big.likely([]byte("get_User()")) {
		t.Error("a literal is taken as present in an 80 KB buffer without a search")
	}
	if newIndex([]byte("ab")) != nil {
		t.Error("a buffer without a trigram got an index")
	}
	var none *Index
	if !none.mayContain([]byte("anything")) {
		t.Error("a nil index ruled a literal out")
	}
	if !x.mayContainLit(append([]byte{foldMark}, "password"...)) || x.mayContainLit(append([]byte{foldMark}, "secret"...)) {
		t.Error("mayContainLit does not strip the fold mark")
	}
}

// TestIndexRulesOutAbsentLiterals checks the index is worth having: on
// source text of the synthetic benchmark's size, random absent literals are
// nearly all ruled out.
func TestIndexRulesOutAbsentLiterals(t *testing.T) {
	b := []byte(`from fastapi import APIRouter, Depends
router = APIRouter(prefix="/items")

@router.get("/{item_id}")
async def read_item(item_id: int, db=Depends(get_db)):
    return db.query(Item).filter(Item.id == item_id).first()
`)
	x := newIndex(b)
	rng := rand.New(rand.NewSource(2))
	passed := 0
	const tries = 10000
	for range tries {
		lit := make([]byte, 4)
		for i := range lit {
			lit[i] = "abcdefghijklmnopqrstuvwxyz_"[rng.Intn(27)]
		}
		if bytes.Contains(bytes.ToLower(b), lit) {
			continue
		}
		if x.mayContain(lit) {
			passed++
		}
	}
	if passed > tries/50 {
		t.Errorf("%d of %d absent 4-byte literals passed for present", passed, tries)
	}
}

func TestLookupFindsOnlyTheLentBuffer(t *testing.T) {
	b := []byte("import flask\nfrom flask_login import login_required\n")
	x := NewIndexed(b)
	if lookup(b) != nil {
		t.Fatal("an index answers before it is lent")
	}
	x.Lend(2)
	if lookup(b) != &x.idx {
		t.Fatal("the lent buffer finds no index")
	}
	Lend(b)() // lent already: left as it is
	if lookup(b) != &x.idx {
		t.Error("Lend of a lent buffer replaced or withdrew its index")
	}
	for name, other := range map[string][]byte{
		"a prefix": b[:len(b)-1], "a suffix": b[1:], "a line": b[:12], "a copy": bytes.Clone(b),
	} {
		if lookup(other) != nil {
			t.Errorf("%s of the lent buffer found its index", name)
		}
	}
	// A search through the index answers as one without it.
	r := compileNow(`\bflask_login\b`)
	if !r.Match(b) || Contains(b, "django") || !Contains(b, "login_required") || MayContain(b, "DJANGO") || !MayContain(b, "FLASK_login") {
		t.Error("a lent buffer answers wrongly")
	}
	x.Release()
	if lookup(b) != &x.idx {
		t.Fatal("the index left before its last user released it")
	}
	x.Release()
	if lookup(b) != nil {
		t.Fatal("the index stayed lent after its last release")
	}
	derived := bytes.ToUpper(b)
	release := Lend(derived)
	if !IsLent(derived) || MayContain(derived, "django") || !MayContain(derived, "flask") {
		t.Error("a buffer lent with Lend answers wrongly")
	}
	release()
	if IsLent(derived) {
		t.Error("Lend's release left the buffer lent")
	}
	Lend(nil)()       // too short to index: nothing lent, nothing to release
	var none *Indexed // a buffer too short to index
	none.Lend(3)
	none.Release()
}

// TestLendingUnderConcurrency lends, searches and releases from many
// goroutines at once (run with -race), and checks that every buffer finds
// its own index while lent and none after, and that the table empties.
func TestLendingUnderConcurrency(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				b := []byte(strings.Repeat("x", g) + "def handler(request): return token" + strings.Repeat("y", i%7))
				x := NewIndexed(b)
				x.Lend(3)
				var users sync.WaitGroup
				for range 3 {
					users.Add(1)
					go func() {
						defer users.Done()
						if got := lookup(b); got != nil && got != &x.idx {
							t.Errorf("a buffer found another's index")
						}
						if !Contains(b, "token") || Contains(b, "secret") {
							t.Errorf("Contains answers wrongly on a lent buffer")
						}
						x.Release()
					}()
				}
				users.Wait()
				if lookup(b) != nil {
					t.Errorf("an index outlived its users")
				}
			}
		}()
	}
	wg.Wait()
	for s := range lent {
		if lent[s].Load() != nil {
			t.Fatalf("slot %d still lent after every release", s)
		}
	}
}

// FuzzIndex checks the invariant on any buffer: every literal cut from it,
// in any ASCII case, is maybe present.
func FuzzIndex(f *testing.F) {
	f.Add([]byte("password = 'x'"), 2, 5)
	f.Add([]byte("\xff\xfeK\u212aABC"), 0, 4)
	f.Fuzz(func(t *testing.T, b []byte, from, n int) {
		if len(b) < 3 || from < 0 || n < 3 || from+n > len(b) {
			return
		}
		x, lit := newIndex(b), b[from:from+n]
		if !x.mayContain(lit) || !x.mayContain(flipASCII(lit)) {
			t.Fatalf("%q ruled out of %q", lit, b)
		}
	})
}

// A literal that starts past ASCII is ruled out of an ASCII buffer however
// short it is; in a buffer with bytes past ASCII, wherever they are, K and
// ſ (which (?i) folds k and s to) are known exactly, other runes maybe.
func TestIndexRulesNonASCIILiteralsOutOfASCIIText(t *testing.T) {
	if x := newIndex([]byte("secret_key = 1")); x.mayContain([]byte(longS)) || x.mayContain([]byte(kelvinSign)) {
		t.Error("a rune past ASCII said maybe present in ASCII text")
	}
	for _, b := range []string{"ſecret_key", "secret_\u212Aey", "secret_keyſ", "abcſ", "ſab", "x = 'é'"} {
		x := newIndex([]byte(b))
		if !x.nonASCII {
			t.Errorf("%q: its index saw no byte past ASCII", b)
		}
		for _, lit := range []string{longS, kelvinSign} {
			if holds := strings.Contains(b, lit); holds != x.mayContain([]byte(lit)) {
				t.Errorf("%q holds %q: %v, the index says %v", b, lit, holds, !holds)
			}
		}
		if !x.mayContain([]byte("é")) {
			t.Errorf("%q: a rune past ASCII ruled out of a text with bytes past ASCII", b)
		}
	}
}

func TestViewIsMadeOncePerLentBuffer(t *testing.T) {
	made := 0
	upper := NewView(func(b []byte) []byte {
		made++
		return bytes.ToUpper(b)
	})
	file := []byte("class A { }")
	if got := string(upper.Of(file)); got != "CLASS A { }" || made != 1 {
		t.Fatalf("unlent: Of = %q after %d makes, want CLASS A { } after 1", got, made)
	}
	upper.Of(file)
	if made != 2 {
		t.Fatalf("an unlent buffer's view was made %d times in two calls, want 2: nothing may be kept for it", made)
	}

	x := NewIndexed(file)
	x.Lend(2)
	first, second := upper.Of(file), upper.Of(file)
	if made != 3 || &first[0] != &second[0] {
		t.Fatalf("lent: %d makes in two calls (want 1) or two copies", made-2)
	}
	// A view of another buffer of the same text is its own.
	other := []byte("class A { }")
	if upper.Of(other); made != 4 {
		t.Fatalf("another buffer with the same text got the lent buffer's view")
	}
	x.Release()
	x.Release()
	if upper.Of(file); made != 5 {
		t.Fatalf("the view outlived the lending: made %d times, want 5", made)
	}
}
