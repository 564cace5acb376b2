class Review < ApplicationRecord
  belongs_to :book
  belongs_to :user

  validates :rating, inclusion: { in: 1..5 }
  validates :body, length: { maximum: 5000 }
  validates :user_id, uniqueness: { scope: :book_id, message: "has already reviewed this book" }
end
