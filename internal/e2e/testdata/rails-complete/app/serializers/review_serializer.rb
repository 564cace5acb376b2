ReviewSerializer = Struct.new(:review) do
  def as_json(*)
    review.slice(:id, :rating, :body, :created_at).merge(reviewer: review.user.name)
  end
end
