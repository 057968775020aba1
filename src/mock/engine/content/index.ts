// Sentiment and the social feed: deterministic content that agrees with the market.
export { SENTIMENT_BUCKET_MS, labelFor, sentimentFor, type Sentiment, type SentimentLabel } from './sentiment.js';
export {
  InvalidCursorError, MAX_FEED_LIMIT, decodeCursor, encodeCursor, feedIntervalMinutes, feedPage, headIndex, postAt,
  type FeedAuthor, type FeedPage, type FeedPost,
} from './social-feed.js';
