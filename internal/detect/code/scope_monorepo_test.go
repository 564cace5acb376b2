package code

import (
	"fmt"
	"strings"
	"testing"
)

// In a monorepo the client's files often come first (client/ before
// server/); more than a handful of client files that page or upload must
// not hide the API's own pagination and extras.
func TestScopeEvidenceBehindManyClientFiles(t *testing.T) {
	var client []string
	client = append(client, "client/package.json", `{"dependencies": {"react": "^18.2.0", "axios": "^1.6.0"}}`)
	for i, name := range []string{"Order", "Product", "Review", "Merchant", "User", "Brand", "Wishlist"} {
		client = append(client,
			fmt.Sprintf("client/app/containers/%s/actions.js", name),
			fmt.Sprintf("import { S3Client } from '@aws-sdk/client-s3'\nconst s3 = new S3Client({})\nexport const fetch%ss = (page = 1, limit = %d) => async (dispatch) => {\n  const { data } = await axios.get(`/api/%s?page=${page}&limit=${limit}`)\n  dispatch({ type: 'FETCH', payload: data })\n}\n", name, 10+i, strings.ToLower(name)))
	}
	const orders = "const express = require('express')\nconst multer = require('multer')\nconst upload = multer({ storage: multer.memoryStorage() })\nconst router = express.Router()\n\nrouter.get('/', auth, async (req, res) => {\n  const { page = 1, limit = 10 } = req.query\n  const orders = await Order.find().limit(limit * 1).skip((page - 1) * limit)\n  res.status(200).json({ orders, currentPage: Number(page) })\n})\n\nrouter.post('/image', upload.single('image'), addImage)\nmodule.exports = router\n"
	const plain = "const express = require('express')\nconst router = express.Router()\n\nrouter.get('/', async (req, res) => {\n  res.status(200).json({ orders: await Order.find() })\n})\nmodule.exports = router\n"

	t.Run("server pages and uploads", func(t *testing.T) {
		files := append(append([]string{}, client...), "server/routes/api/order.js", orders)
		f := run(t, stackOf("javascript", "express", "express", "mongoose"), files...)
		if f.Scope.Client != "client" {
			t.Fatalf("client = %q", f.Scope.Client)
		}
		if !f.Scope.Pagination || len(f.Scope.PaginationEvidence) == 0 || f.Scope.PaginationEvidence[0].Path != "server/routes/api/order.js" {
			t.Errorf("pagination = %v %v, want the server's", f.Scope.Pagination, f.Scope.PaginationEvidence)
		}
		if !hasExtra(f.Scope.Extras, "file-uploads") {
			t.Errorf("extras = %v, want file-uploads from the server", f.Scope.Extras)
		}
		for _, l := range f.Scope.ExtrasEvidence {
			if strings.HasPrefix(l.Path, "client/") {
				t.Errorf("client evidence %v", l)
			}
		}
	})
	t.Run("only the client pages and uploads", func(t *testing.T) {
		files := append(append([]string{}, client...), "server/routes/api/order.js", plain)
		f := run(t, stackOf("javascript", "express", "express", "mongoose"), files...)
		if f.Scope.Pagination {
			t.Errorf("pagination from %v, want none", f.Scope.PaginationEvidence)
		}
		if hasExtra(f.Scope.Extras, "file-uploads") {
			t.Errorf("extras = %v from %v, want no file-uploads", f.Scope.Extras, f.Scope.ExtrasEvidence)
		}
	})
}

func hasExtra(extras []string, cat string) bool {
	for _, e := range extras {
		if e == cat {
			return true
		}
	}
	return false
}
