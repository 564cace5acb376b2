require "swagger_helper"

RSpec.describe "Books API", type: :request do
  let(:user) { create(:user) }
  let(:Authorization) { "Bearer #{JsonWebToken.encode(user.id)}" }

  path "/api/v1/books" do
    get "Lists my books, a page at a time" do
      tags "Books"
      produces "application/json"
      security [bearerAuth: []]
      parameter name: :page, in: :query, type: :integer, required: false

      response "200", "a page of books" do
        before { create_list(:book, 3, user: user) }
        run_test! do
          expect(response.parsed_body["data"].size).to eq(3)
        end
      end

      response "401", "missing token" do
        let(:Authorization) { nil }
        run_test!
      end
    end

    post "Adds a book" do
      tags "Books"
      consumes "application/json"
      parameter name: :book, in: :body, schema: {
        type: :object,
        properties: { book: { type: :object, properties: { title: { type: :string }, author: { type: :string } } } }
      }

      response "201", "book created" do
        let(:book) { { book: { title: "Piranesi", author: "Susanna Clarke" } } }
        run_test! do
          expect(user.books.pluck(:title)).to eq(["Piranesi"])
        end
      end

      response "422", "invalid book" do
        let(:book) { { book: { title: "" } } }
        run_test! do
          expect(response.parsed_body["details"]).to have_key("title")
        end
      end
    end
  end

  path "/api/v1/books/{id}" do
    parameter name: :id, in: :path, type: :integer

    get "Shows one book" do
      tags "Books"
      response "404", "not one of mine" do
        let(:id) { create(:book).id }
        run_test!
      end
    end
  end
end
