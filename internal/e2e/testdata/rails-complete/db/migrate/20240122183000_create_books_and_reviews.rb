class CreateBooksAndReviews < ActiveRecord::Migration[7.1]
  def change
    create_table :books do |t|
      t.references :user, null: false, foreign_key: { on_delete: :cascade }
      t.string :title, null: false
      t.string :author, null: false
      t.string :isbn
      t.string :status, null: false, default: "to_read"
      t.date :finished_on

      t.timestamps
    end

    create_table :reviews do |t|
      t.references :book, null: false, foreign_key: { on_delete: :cascade }
      t.references :user, null: false, foreign_key: true
      t.integer :rating, null: false
      t.text :body

      t.timestamps
    end
    add_index :reviews, %i[user_id book_id], unique: true
  end
end
