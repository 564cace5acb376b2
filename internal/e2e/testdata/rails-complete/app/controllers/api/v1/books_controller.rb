module Api
  module V1
    class BooksController < ApplicationController
      before_action :set_book, only: %i[show update destroy]

      def index
        books = current_user.books.order(:title).page(params[:page]).per(params.fetch(:per_page, 20))
        render json: { data: books.map { |b| BookSerializer.new(b).as_json }, page: books.current_page, total_pages: books.total_pages }
      end

      def show
        render json: BookSerializer.new(@book).as_json
      end

      def create
        book = current_user.books.create!(book_params)
        Rails.logger.info("book created id=#{book.id} user=#{current_user.id}")
        render json: BookSerializer.new(book).as_json, status: :created
      end

      def update
        @book.update!(book_params)
        render json: BookSerializer.new(@book).as_json
      end

      def destroy
        @book.destroy!
        head :no_content
      end

      private

      def set_book
        @book = current_user.books.find(params[:id])
      end

      def book_params
        params.require(:book).permit(:title, :author, :isbn, :status, :finished_on)
      end
    end
  end
end
