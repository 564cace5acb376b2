BookSerializer = Struct.new(:book) do
  def as_json(*)
    book.slice(:id, :title, :author, :isbn, :status, :finished_on)
  end
end
