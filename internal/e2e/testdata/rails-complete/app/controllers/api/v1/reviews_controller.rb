module Api
  module V1
    class ReviewsController < ApplicationController
      def index
        book = Book.find(params[:book_id])
        reviews = book.reviews.includes(:user).order(created_at: :desc).page(params[:page])
        render json: { data: reviews.map { |r| ReviewSerializer.new(r).as_json }, page: reviews.current_page }
      end

      def create
        book = Book.find(params[:book_id])
        review = book.reviews.create!(review_params.merge(user: current_user))
        render json: ReviewSerializer.new(review).as_json, status: :created
      end

      def destroy
        current_user.reviews.find(params[:id]).destroy!
        head :no_content
      end

      private

      def review_params
        params.require(:review).permit(:rating, :body)
      end
    end
  end
end
