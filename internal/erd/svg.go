package erd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Layout sizes, in SVG user units (pixels at 100%). Text is monospace,
// so a row's width follows from its length.
const (
	charW    = 7.2
	rowH     = 18
	headH    = 24
	padX     = 8
	layerGap = 90
	boxGap   = 26
	margin   = 16
	laneH    = 14
)

// box is one table placed on the canvas.
type box struct {
	t          facts.Table
	cols       []facts.Column
	more       int // columns not drawn
	layer, pos int
	x, y, w, h float64
	// lane marks a point a long foreign key passes through in a layer
	// between its two tables: it takes a slot in the layer's order and a
	// little height, so the line runs between tables, not under them.
	lane bool
}

// rowY returns the vertical middle of column name's row, or of the
// header when the column is not drawn.
func (b *box) rowY(name string) float64 {
	for i, c := range b.cols {
		if strings.EqualFold(c.Name, name) {
			return b.y + headH + float64(i)*rowH + rowH/2
		}
	}
	return b.y + headH/2
}

// SVG writes the schema as a self-contained SVG: tables as boxes in
// layers (a referenced table left of the tables that reference it), a
// curve per foreign key with a crow's foot at the referencing end. id
// prefixes the element IDs so two diagrams can share a page. Colours
// come from the HTML report's CSS variables, with light fallbacks when
// the SVG stands alone.
func SVG(w io.Writer, s facts.Schema, id string) error {
	tables, omitted := Pick(s)
	if len(tables) == 0 {
		return nil
	}
	boxes := make([]*box, len(tables))
	byName := map[string]*box{}
	for i, t := range tables {
		b := &box{t: t, cols: t.Columns}
		if len(b.cols) > maxColumns {
			b.cols, b.more = b.cols[:maxColumns], len(b.cols)-maxColumns
		}
		boxes[i] = b
		byName[strings.ToLower(t.Name)] = b
	}
	es := edges(tables)
	layer(boxes, es, byName)
	lanes, links := route(es, byName)
	for _, ls := range lanes {
		boxes = append(boxes, ls...)
	}
	order(boxes, links)
	place(boxes)

	width, height := 0.0, 0.0
	for _, b := range boxes {
		width, height = max(width, b.x+b.w), max(height, b.y+b.h)
	}
	width, height = width+margin, height+margin
	if omitted > 0 {
		height += rowH
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" class="erd" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-labelledby="%s-title %s-desc">`+"\n",
		width, height, width, height, id, id)
	fmt.Fprintf(&sb, `<title id="%s-title">Entity-relationship diagram: %d tables, %d foreign keys</title>`+"\n", id, len(tables), len(es))
	fmt.Fprintf(&sb, `<desc id="%s-desc">%s</desc>`+"\n", id, xmlEscape(describe(es)))
	fmt.Fprintf(&sb, `<defs><marker id="%s-many" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M1 6 L11 1 M1 6 L11 6 M1 6 L11 11" class="erd-mark"/></marker>`, id)
	fmt.Fprintf(&sb, `<marker id="%s-one" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" orient="auto"><path d="M7 1 L7 11 M10 1 L10 11" class="erd-mark"/></marker></defs>`+"\n", id)
	sb.WriteString(`<style>.erd-box{fill:var(--panel,#fff);stroke:var(--muted,#56616b);stroke-width:1}.erd-head{fill:var(--code,#eef1f4);stroke:var(--muted,#56616b);stroke-width:1}` +
		`.erd text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;fill:var(--text,#1d2125)}.erd .erd-name{font-weight:700}` +
		`.erd .erd-type,.erd .erd-note{fill:var(--muted,#56616b)}.erd-edge{fill:none;stroke:var(--muted,#56616b);stroke-width:1.2}.erd-mark{fill:none;stroke:var(--muted,#56616b);stroke-width:1.2}</style>` + "\n")

	for i, e := range es {
		from, to := byName[strings.ToLower(e.from)], byName[strings.ToLower(e.to)]
		col := ""
		if len(e.fk.Columns) > 0 {
			col = e.fk.Columns[0]
		}
		refCol := ""
		if len(e.fk.RefColumns) > 0 {
			refCol = e.fk.RefColumns[0]
		} else if len(to.t.PrimaryKey) > 0 {
			refCol = to.t.PrimaryKey[0]
		}
		fmt.Fprintf(&sb, `<path class="erd-edge" d="%s" marker-start="url(#%s-many)" marker-end="url(#%s-one)"><title>%s</title></path>`+"\n",
			curve(from, col, to, refCol, lanes[i]), id, id, xmlEscape(e.from+"."+label(e.fk)+" references "+e.to))
	}
	for _, b := range boxes {
		if b.lane {
			continue
		}
		fmt.Fprintf(&sb, `<g class="erd-table"><rect class="erd-box" x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3"/>`, b.x, b.y, b.w, b.h)
		fmt.Fprintf(&sb, `<rect class="erd-head" x="%.1f" y="%.1f" width="%.1f" height="%d" rx="3"/>`, b.x, b.y, b.w, headH)
		fmt.Fprintf(&sb, `<text class="erd-name" x="%.1f" y="%.1f">%s</text>`, b.x+padX, b.y+16, xmlEscape(b.t.Name))
		nameW := b.nameWidth()
		for i, c := range b.cols {
			y := b.y + headH + float64(i)*rowH + 13
			name := c.Name
			if ks := keys(b.t, c); len(ks) > 0 {
				name += " " + strings.Join(ks, ",")
			}
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f">%s</text>`, b.x+padX, y, xmlEscape(name))
			typ := c.Type
			if c.Nullable {
				typ += "?"
			}
			fmt.Fprintf(&sb, `<text class="erd-type" x="%.1f" y="%.1f">%s</text>`, b.x+padX+nameW, y, xmlEscape(typ))
		}
		if b.more > 0 {
			y := b.y + headH + float64(len(b.cols))*rowH + 13
			fmt.Fprintf(&sb, `<text class="erd-note" x="%.1f" y="%.1f">… %d more columns</text>`, b.x+padX, y, b.more)
		}
		sb.WriteString("</g>\n")
	}
	if omitted > 0 {
		fmt.Fprintf(&sb, `<text class="erd-note" x="%d" y="%.0f">%d more tables not drawn: the %d with the most foreign keys are.</text>`+"\n", margin, height-6, omitted, MaxTables)
	}
	sb.WriteString("</svg>\n")
	_, err := io.WriteString(w, sb.String())
	return err
}

// describe is the diagram's text alternative: every foreign key in words.
func describe(es []edge) string {
	if len(es) == 0 {
		return "No foreign keys between the tables."
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.from + "." + label(e.fk) + " references " + e.to
	}
	return strings.Join(parts, "; ") + "."
}

// nameWidth is the width of the name column: the longest name with its
// key markers, plus a gap.
func (b *box) nameWidth() float64 {
	n := 0
	for _, c := range b.cols {
		l := len([]rune(c.Name))
		if ks := keys(b.t, c); len(ks) > 0 {
			l += 1 + len(strings.Join(ks, ","))
		}
		n = max(n, l)
	}
	return float64(n+2) * charW
}

func (b *box) size() {
	typeW := 0
	for _, c := range b.cols {
		typeW = max(typeW, len([]rune(c.Type))+1)
	}
	w := b.nameWidth() + float64(typeW)*charW + 2*padX
	w = max(w, float64(len([]rune(b.t.Name))+2)*charW+2*padX)
	if b.more > 0 {
		w = max(w, 22*charW+2*padX)
	}
	rows := len(b.cols)
	if b.more > 0 {
		rows++
	}
	b.w, b.h = w, float64(headH+rows*rowH)+4
}

// layer puts each table one layer right of the rightmost table it
// references (longest path), so references point left. A cycle stops
// growing at the number of tables.
func layer(boxes []*box, es []edge, byName map[string]*box) {
	limit := len(boxes) - 1
	for range len(boxes) {
		changed := false
		for _, e := range es {
			from, to := byName[strings.ToLower(e.from)], byName[strings.ToLower(e.to)]
			if from == to {
				continue
			}
			if l := min(to.layer+1, limit); from.layer < l {
				from.layer, changed = l, true
			}
		}
		if !changed {
			break
		}
	}
	// Pull each table right up to just left of the nearest table that
	// references it, so a table referenced only from far right does not
	// send its lines across the layers between.
	for range len(boxes) {
		changed := false
		for _, b := range boxes {
			nearest := -1
			for _, e := range es {
				from, to := byName[strings.ToLower(e.from)], byName[strings.ToLower(e.to)]
				if to == b && from != b && from.layer > b.layer && (nearest < 0 || from.layer < nearest) {
					nearest = from.layer
				}
			}
			if nearest > b.layer+1 {
				b.layer, changed = nearest-1, true
			}
		}
		if !changed {
			break
		}
	}
}

// link joins two things placed in adjacent layers: a table or lane and
// the table or lane it leads to on the left.
type link struct{ right, left *box }

// route gives each foreign key that spans more than one layer a lane in
// every layer between its tables (lanes[i] for es[i], right to left), and
// returns the links between adjacent layers that order sorts by.
func route(es []edge, byName map[string]*box) (lanes [][]*box, links []link) {
	lanes = make([][]*box, len(es))
	for i, e := range es {
		from, to := byName[strings.ToLower(e.from)], byName[strings.ToLower(e.to)]
		if from.layer <= to.layer {
			continue // a self reference or a cycle's back edge: no lanes
		}
		prev := from
		for l := from.layer - 1; l > to.layer; l-- {
			ln := &box{lane: true, layer: l}
			lanes[i] = append(lanes[i], ln)
			links = append(links, link{right: prev, left: ln})
			prev = ln
		}
		links = append(links, link{right: prev, left: to})
	}
	return lanes, links
}

// order sorts each layer by the mean position of what its members link
// to in the neighbouring layer (barycentre), sweeping right then left
// twice, which uncrosses most lines.
func order(boxes []*box, links []link) {
	layers := map[int][]*box{}
	maxLayer := 0
	for _, b := range boxes {
		layers[b.layer] = append(layers[b.layer], b)
		maxLayer = max(maxLayer, b.layer)
	}
	for l := 0; l <= maxLayer; l++ {
		for i, b := range layers[l] {
			b.pos = i
		}
	}
	sortBy := func(l int, neighbour func(link) (self, other *box)) {
		bs := layers[l]
		centre := map[*box]float64{}
		for _, b := range bs {
			sum, n := 0.0, 0
			for _, lk := range links {
				if self, other := neighbour(lk); self == b {
					sum += float64(other.pos)
					n++
				}
			}
			if n > 0 {
				centre[b] = sum / float64(n)
			} else {
				centre[b] = float64(b.pos)
			}
		}
		slices.SortStableFunc(bs, func(a, b *box) int {
			switch {
			case centre[a] < centre[b]:
				return -1
			case centre[a] > centre[b]:
				return 1
			}
			return 0
		})
		for i, b := range bs {
			b.pos = i
		}
	}
	leftOf := func(lk link) (*box, *box) { return lk.right, lk.left }
	rightOf := func(lk link) (*box, *box) { return lk.left, lk.right }
	for range 2 {
		for l := 1; l <= maxLayer; l++ {
			sortBy(l, leftOf)
		}
		for l := maxLayer - 1; l >= 0; l-- {
			sortBy(l, rightOf)
		}
	}
}

// place sizes the boxes and sets their coordinates: layers left to right,
// each layer's tables top to bottom.
func place(boxes []*box) {
	maxLayer := 0
	for _, b := range boxes {
		if b.lane {
			b.w, b.h = 0, laneH
		} else {
			b.size()
		}
		maxLayer = max(maxLayer, b.layer)
	}
	widths := make([]float64, maxLayer+1)
	for _, b := range boxes {
		widths[b.layer] = max(widths[b.layer], b.w)
	}
	xs := make([]float64, maxLayer+1)
	x := float64(margin)
	for l := range widths {
		xs[l] = x
		x += widths[l] + layerGap
	}
	sorted := slices.Clone(boxes)
	slices.SortStableFunc(sorted, func(a, b *box) int {
		if a.layer != b.layer {
			return a.layer - b.layer
		}
		return a.pos - b.pos
	})
	y, cur := float64(margin), -1
	for _, b := range sorted {
		if b.layer != cur {
			y, cur = margin, b.layer
		}
		b.x, b.y = xs[b.layer], y
		if b.lane {
			b.w = widths[b.layer]
			y += b.h
			continue
		}
		y += b.h + boxGap
	}
}

// curve draws a foreign key from the referencing column's row of from to
// the referenced column's row of to, leaving and entering on the facing
// sides and running straight through its lanes; a table referring to
// itself or to a table in its own layer loops out to the right.
func curve(from *box, col string, to *box, refCol string, lanes []*box) string {
	y1, y2 := from.rowY(col), to.rowY(refCol)
	if from.layer > to.layer {
		var b strings.Builder
		x, y := from.x, y1
		fmt.Fprintf(&b, "M%.1f %.1f", x, y)
		for _, ln := range lanes {
			ly := ln.y + laneH/2
			bend(&b, x, y, ln.x+ln.w, ly)
			fmt.Fprintf(&b, " L%.1f %.1f", ln.x, ly)
			x, y = ln.x, ly
		}
		bend(&b, x, y, to.x+to.w, y2)
		return b.String()
	}
	if from.layer < to.layer { // a cycle's back edge: right of from to left of to
		x1, x2 := from.x+from.w, to.x
		dx := (x2 - x1) / 2
		return fmt.Sprintf("M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f", x1, y1, x1+dx, y1, x2-dx, y2, x2, y2)
	}
	x1, x2 := from.x+from.w, to.x+to.w
	bulge := max(x1, x2) + 30
	return fmt.Sprintf("M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f", x1, y1, bulge, y1, bulge, y2, x2, y2)
}

// bend draws a curve leftwards from (x1, y1) to (x2, y2) that leaves and
// arrives horizontally.
func bend(b *strings.Builder, x1, y1, x2, y2 float64) {
	dx := (x1 - x2) / 2
	fmt.Fprintf(b, " C%.1f %.1f %.1f %.1f %.1f %.1f", x1-dx, y1, x2+dx, y2, x2, y2)
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r < 0x20 && r != '\t' || r == 0x7f:
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
