package js

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

func TestMongooseModels(t *testing.T) {
	res := readMongoose(scan.File{Path: "src/models/post.js", Data: []byte(`const mongoose = require('mongoose');
const { Schema } = mongoose;

const commentSchema = new Schema({ body: String }, { _id: false });

const postSchema = new Schema ({
  title: { type: String, required: true, unique: true },
  slug: { type: String, index: true },
  code: { type: String, index: { unique: true } },
  author: { type: Schema.Types.ObjectId, ref: 'User', required: [true, 'author is required'] },
  tags: [{ type: mongoose.Schema.Types.ObjectId, ref: 'Category' }],
  price: Number,
  comments: [commentSchema],
  meta: { votes: Number },
}, { timestamps: true });

postSchema.index({ author: 1, createdAt: -1 });

module.exports = mongoose.model('Post', postSchema);
const Person = mongoose.model('Person', new Schema({ name: String }), 'humans');
`)})
	if len(res.Models) != 2 {
		t.Fatalf("models = %d (an embedded schema is no collection): %+v", len(res.Models), res.Models)
	}
	posts := table(t, res.Models, "posts")
	eq(t, "posts columns", cols(posts), []string{"_id objectid", "title string", "slug string null", "code string null", "author objectid", "tags array null", "price number null", "comments array null", "meta object null", "createdAt timestamp", "updatedAt timestamp"})
	eq(t, "posts pk", posts.PrimaryKey, []string{"_id"})
	eq(t, "posts fks", fks(posts), []string{"author->users(_id) ", "tags->categories(_id) "})
	eq(t, "posts indexes", idxs(posts), []string{"title unique", "slug", "code unique", "author,createdAt"})
	eq(t, "author line", posts.Column("author").At.Line, 10)
	eq(t, "explicit collection", table(t, res.Models, "humans").Name, "humans")
}

func TestMongooseNeedsModel(t *testing.T) {
	// A schema never registered as a model, and a Joi schema, are no collections.
	res := readMongoose(scan.File{Path: "src/validation.js", Data: []byte(`const s = Joi.object({ email: Joi.string() });
const addressSchema = new Schema({ city: String });
module.exports = addressSchema;`)})
	if len(res.Models) != 0 {
		t.Fatalf("got %+v", res.Models)
	}
}
