package scan

import (
	"bytes"
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Every Regexp's prefilter asks "does this file hold one of my literals?",
// and the detectors ask it some 120 times per file: one bytes.Index pass
// per literal per pattern, ~100 ns each even on a 230-byte file. An Index
// answers the same question from one pass over the file: the collector
// builds it when it reads the file, and every prefilter of every detector
// consults it before searching.
//
// The index is a bitmap of the file's trigrams, ASCII letters lower-cased,
// each hashed to one bit. A literal can occur only if the bits of all its
// trigrams are set. That is a necessary condition, never a sufficient one:
// an Index never says "absent" for a literal that is there (a present
// literal's trigrams are all in the file, whatever the hash), so the
// answers of the prefiltered search are those of the search without it by
// construction. "Maybe present" is followed by the usual search; literals
// shorter than three bytes are "maybe" unless they start with a byte past
// ASCII and the buffer holds none. Case-insensitive literals (lower-case
// ASCII, matched with bytes.EqualFold, which only pairs them with ASCII
// letters; the non-ASCII runes Go's (?i) also folds them to are literals
// of their own, see kelvinSign) and case-sensitive ones share the
// lower-cased bitmap, a looser test for the latter.
//
// The Regexp methods only see a []byte, so the collector lends a file's
// indexes (see Indexed.Lend) for as long as detectors scan it: a buffer
// with the exact start and length of a lent one finds its index; anything
// else (a line, a copy, a buffer read after its file was released) finds
// none and is searched as before.

// Index is the trigram bitmap of one buffer; a nil *Index knows nothing
// and says every literal may be present.
type Index struct {
	bits  []uint64 // a power of two of words
	shift uint32   // 32 - log2(bit count): the hash's top bits pick the bit
	// sure is the number of trigrams from which a literal the index holds
	// is taken to be present (see likely).
	sure int
	// nonASCII is set when the buffer holds a byte past ASCII: a literal
	// that starts with one cannot occur in the others, however short.
	// Those that do hold one are searched once for K and ſ (see
	// kelvinSign), which every (?i) pattern with a k or an s asks for.
	nonASCII, kelvin, longS bool
}

const (
	// minIndexBits and maxIndexBits bound the bitmap: 8 bits per byte of
	// the buffer keeps about 10% of the bits set on source text, so an
	// absent literal of two trigrams passes for present 1% of the time,
	// of three 0.1%. 16 bits per byte allocated twice as much (1 KB a
	// file) for no gain: 0.975x CPU on the 80,000-file tree with 8 (5
	// pairs).
	minIndexBits, maxIndexBits = 256, 1 << 16
	indexBitsPerByte           = 8
	trigramMul                 = 0x9E3779B1 // Fibonacci hashing
)

// lowerASCII maps A-Z to a-z and every other byte to itself.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// newIndex builds the index of b; nil when b has no trigram.
func newIndex(b []byte) *Index {
	var x Index
	if !x.build(b) {
		return nil
	}
	return &x
}

// build sizes x for b and fills it; false when b has no trigram.
func (x *Index) build(b []byte) bool {
	if len(b) < 3 {
		return false
	}
	n := minIndexBits
	for n < indexBitsPerByte*len(b) && n < maxIndexBits {
		n <<= 1
	}
	x.bits, x.shift = make([]uint64, n/64), 32-uint32(bits.TrailingZeros(uint(n)))
	x.fill(b, 0, len(b)-2)
	if x.nonASCII {
		x.kelvin, x.longS = bytes.Contains(b, []byte(kelvinSign)), bytes.Contains(b, []byte(longS))
	}
	x.setSure(len(b))
	return true
}

// fill sets the bits of the trigrams of b that start in [from, to).
func (x *Index) fill(b []byte, from, to int) {
	words, shift := x.bits, x.shift&31
	mask := uint32(len(words) - 1)
	v := uint32(lowerASCII[b[from]])<<8 | uint32(lowerASCII[b[from+1]])<<16
	seen := b[from] | b[from+1] // every byte ORed: is one past ASCII?
	for _, c := range b[from+2 : to+2] {
		// v holds the trigram ending at c, lower-cased, first byte lowest.
		v = v>>8 | uint32(lowerASCII[c])<<16
		h := (v * trigramMul) >> shift
		words[(h>>6)&mask] |= 1 << (h & 63)
		seen |= c
	}
	x.nonASCII = x.nonASCII || seen >= utf8.RuneSelf
}

// setSure sets sure from the share of bits set. An absent literal of k
// trigrams passes with the probability that k random bits are set,
// fill^k: sure is the least k for which that is under 1/256. Past 64 KiB
// a regexp run costs more than the search it spares, so a large buffer's
// literals are always searched.
func (x *Index) setSure(size int) {
	x.sure = math.MaxInt
	if size > 64<<10 {
		return
	}
	ones := 0
	for _, w := range x.bits {
		ones += bits.OnesCount64(w)
	}
	fill, p := float64(ones)/float64(len(x.bits)*64), 1.0
	for k := 1; k <= 8; k++ {
		if p *= fill; p < 1.0/256 {
			x.sure = k
			return
		}
	}
}

// mayContain reports whether lit (matched exactly or in any ASCII case)
// can occur in the indexed buffer: false only when it cannot.
func (x *Index) mayContain(lit []byte) bool {
	if x == nil || len(lit) == 0 {
		return true
	}
	if lit[0] >= utf8.RuneSelf {
		switch {
		case !x.nonASCII:
			return false
		case string(lit) == kelvinSign:
			return x.kelvin
		case string(lit) == longS:
			return x.longS
		}
	}
	if len(lit) < 3 {
		return true
	}
	words, shift := x.bits, x.shift&31
	mask := uint32(len(words) - 1)
	v := uint32(lowerASCII[lit[0]])<<8 | uint32(lowerASCII[lit[1]])<<16
	for _, c := range lit[2:] {
		v = v>>8 | uint32(lowerASCII[c])<<16 // as in fill
		h := (v * trigramMul) >> shift
		if words[(h>>6)&mask]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// likely reports whether lit, a case-insensitive literal that mayContain
// let through, is long enough for that to be taken as its presence: a
// prefilter that only decides whether to run the regexp then skips the
// search that would confirm it. Rarely wrong, and then only the regexp
// runs for nothing. (A case-sensitive literal passes wrongly whenever the
// file has it in another case: a quarter of the time on saleor.)
func (x *Index) likely(lit []byte) bool { return x != nil && len(lit)-2 >= x.sure }

// mayContainLit is mayContain for a prefilter literal, which may carry the
// fold mark.
func (x *Index) mayContainLit(lit []byte) bool {
	if lit[0] == foldMark {
		lit = lit[1:]
	}
	return x.mayContain(lit)
}

// Contains is bytes.Contains(b, []byte(lit)), answered without a search
// when b is a lent buffer whose index rules lit out: a detector that looks
// for a few words in a whole file before reading it asks this.
func Contains(b []byte, lit string) bool {
	return MayContain(b, lit) && bytes.Contains(b, []byte(lit))
}

// MayContain reports whether lit may occur in b in any ASCII case: false
// only when b is a lent buffer whose index rules lit out. A detector that
// searches an ASCII-lower-cased copy of a file asks it of the file first.
func MayContain(b []byte, lit string) bool {
	return lookup(b).mayContain(unsafe.Slice(unsafe.StringData(lit), len(lit)))
}

// Indexed is a buffer with its Index, built by the collector's readers and
// lent to the scanning detectors (Lend), then released (Release).
type Indexed struct {
	// buf keeps the buffer reachable while lent, so no other buffer can
	// have its address then.
	buf  []byte
	idx  Index
	refs atomic.Int32
	slot int32 // the lending table's slot, or -1

	viewsMu sync.Mutex
	views   []madeView // the Views made of buf so far
}

type madeView struct {
	view *View
	out  []byte
}

// NewIndexed indexes b; nil (on which Lend and Release do nothing) when b
// is too short to index.
func NewIndexed(b []byte) *Indexed {
	x := &Indexed{buf: b, slot: -1}
	if !x.idx.build(b) {
		return nil
	}
	return x
}

// lent holds the lent buffers: open addressing with no chains, a buffer
// sits in one of the lendWindow slots after its address's hash, and a
// lookup reads those slots. A full window leaves the buffer unlent (its
// searches are then done without the index). Entries are never changed
// once placed, only removed, so a lookup that read an entry just before it
// was removed still holds that buffer's own, correct index.
var lent [lendSlots]atomic.Pointer[Indexed]

// A few hundred buffers are lent at a time (the feed channels hold 64
// files per detector), so 4096 slots keep the windows nearly empty.
const lendBits, lendWindow = 12, 8
const lendSlots = 1 << lendBits

func lendHash(p *byte) uint32 {
	return uint32((uint64(uintptr(unsafe.Pointer(p))) * 0x9E3779B97F4A7C15) >> (64 - lendBits))
}

// Lend makes x's index answer for its buffer until Release has been called
// users times. Call it once, before the buffer reaches any of its users.
func (x *Indexed) Lend(users int) {
	if x == nil || users <= 0 {
		return
	}
	x.refs.Store(int32(users))
	h := lendHash(unsafe.SliceData(x.buf))
	for i := range uint32(lendWindow) {
		s := (h + i) & (lendSlots - 1)
		if lent[s].CompareAndSwap(nil, x) {
			x.slot = int32(s)
			return
		}
	}
}

// Release is called by each user of a lent buffer when done with it; the
// last one withdraws the index.
func (x *Indexed) Release() {
	if x == nil || x.refs.Add(-1) != 0 || x.slot < 0 {
		return
	}
	lent[x.slot].CompareAndSwap(x, nil)
}

// Lend indexes b, a buffer a detector derived from a file (docstrings
// blanked, say) and runs many patterns over, and lends the index until
// release is called. b must not change until then. A buffer lent already
// (the file's own content) is left as it is.
func Lend(b []byte) (release func()) {
	if lookup(b) != nil {
		return func() {}
	}
	x := NewIndexed(b)
	x.Lend(1)
	return x.Release
}

// lookup returns the index of b when b is exactly a lent buffer, else nil.
func lookup(b []byte) *Index {
	if x := lentAs(b); x != nil {
		return &x.idx
	}
	return nil
}

// lentAs returns the Indexed that lends b when b is exactly a lent
// buffer, else nil.
func lentAs(b []byte) *Indexed {
	if len(b) < 3 {
		return nil
	}
	p := unsafe.SliceData(b)
	h := lendHash(p)
	for i := range uint32(lendWindow) {
		if x := lent[(h+i)&(lendSlots-1)].Load(); x != nil && unsafe.SliceData(x.buf) == p && len(x.buf) == len(b) {
			return x
		}
	}
	return nil
}

// A View is a form of a file that several detectors derive from it (C#
// with its comments blanked, say). Of a lent buffer it is made once and
// shared: each detector making its own cost a pass over the file and a
// copy of it, five times per C# file.
type View struct {
	derive func([]byte) []byte
}

// NewView returns the View that derive makes of a buffer. What derive
// returns is shared: its users must not write into it.
func NewView(derive func([]byte) []byte) *View { return &View{derive: derive} }

// Of returns v's form of b: for a lent buffer, the one made already if
// any; else one made now.
func (v *View) Of(b []byte) []byte {
	x := lentAs(b)
	if x == nil {
		return v.derive(b)
	}
	// Held while making, so that two detectors asking at once make one.
	x.viewsMu.Lock()
	defer x.viewsMu.Unlock()
	for _, m := range x.views {
		if m.view == v {
			return m.out
		}
	}
	out := v.derive(b)
	x.views = append(x.views, madeView{v, out})
	return out
}

// IsLent reports whether b is a lent buffer, whose prefilter searches its
// index answers: the collector's tests check with it that every file is
// lent while scanned and released after.
func IsLent(b []byte) bool { return lookup(b) != nil }
