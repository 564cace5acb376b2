class Book < ApplicationRecord
  STATUSES = %w[to_read reading finished].freeze

  belongs_to :user
  has_many :reviews, dependent: :destroy
  has_one_attached :cover

  validates :title, :author, presence: true
  validates :status, inclusion: { in: STATUSES }
  validates :isbn, format: { with: /\A\d{10}(\d{3})?\z/ }, allow_blank: true
end
