// Extractive, attributed summaries: every sentence we output is a sentence an outlet
// published, with where it came from (byte span, article, outlet). Nothing is generated.
//
//   SummarizeArticle  the N most informative sentences of one article (or a word budget),
//                     in document order, never cut, no boilerplate, no leading pronoun whose
//                     antecedent sentence is left out (where avoidable).
//   SummarizeStory    a short non-redundant extract of several articles about one story:
//                     sentences backed by several outlets, the facts most outlets share, the
//                     story's lead, key quotes with a named speaker; near-duplicate
//                     sentences across outlets count once (`also_in` lists the others).
//   CompareCoverage   per outlet, what only it reports (sentences with no counterpart in the
//                     other articles), the quotes it carries, and the wording outlets use for
//                     the same thing ("Kyiv" / "Kiev"), learnt from aligned sentence pairs.
//
// All functions are pure and thread-safe; they run in time linear in the input for the
// article summary and quadratic in the number of sentences for stories (bounded by
// SummaryOptions::max_sentences_in). Input text is UTF-8 (invalid bytes are tolerated).
#ifndef STORYLINE_SUMMARIZE_SUMMARIZE_H_
#define STORYLINE_SUMMARIZE_SUMMARIZE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/analysis.h"

namespace storyline::summarize {

struct SummaryOptions {
  size_t sentences = 3;        // how many sentences, when `words` is 0
  size_t words = 0;            // a word budget (white-space words) instead; whole sentences only
  bool avoid_dangling = true;  // a leading pronoun only with its antecedent in the summary
  // Limits (hostile input): sentences longer than this are never chosen, and only this
  // many sentences per article are considered.
  size_t max_sentence_words = 120;
  size_t max_sentences_in = 400;
  // Sentences shorter than this ("You are nothing to us.", "God is not a racist.": pieces
  // of a quotation, one-line asides) are chosen only when no longer one is there; a story
  // leaves them out of its pool, so they count in neither centrality nor agreement. Tuned
  // on AllSides train among 0/6/7/8/9/10/12 (R2 0.17368 at 0 → 0.17408 at 8; 10: 0.17294);
  // BBC (articles) 0.75453 → 0.75465.
  size_t min_sentence_words = 8;
  // A story reads at most this many sentences in all (at least 20 per article): its work
  // and memory are quadratic in them (2,000 → 16 MB of similarities).
  size_t max_story_sentences = 2000;

  // Article summaries (tuned on the even lines of BBC News Summary).
  // With a word budget: false takes the best sentences until the next one does not fit
  // (the summary is a prefix of the ranking); true passes over a sentence that does not
  // fit and fills the rest with lower-ranked shorter ones.
  bool fill_budget = false;
  // Informativeness = Σ term frequencies / (number of terms)^length_exponent: 0 favours
  // long sentences, 1 short dense ones.
  double length_exponent = 0.75;
  // Blend of term frequency (0) and graph centrality (1): PageRank over sentences linked
  // by the content terms they share (Mihalcea & Tarau's similarity).
  double centrality_weight = 0.5;
  double lead_weight = 0.05;  // bonus of the first sentence (decays as 1/position)
  // Reported speech: a sentence with a reporting verb ("said", "told") and no quotation
  // marks states what someone said in the writer's words ("The Fed said the deficit will
  // stabilise"); summaries carry such sentences more often than bare quotations.
  double reported_weight = 0.06;

  // Story summaries (tuned on AllSides train). A sentence's score is the weighted sum of
  // the features below, each scaled to [0, 1]; MMR then trades it against redundancy.
  // (Lower on train than this greedy, R2 0.17368 before min_sentence_words: the exact best subset
  // under the budget of score + term coverage + shared word bigrams (Gillick & Favre's concepts),
  // at best 0.17324; Porter-stemmed terms instead of folded plurals, 0.17341, and BBC 0.7545 →
  // 0.7454.)
  bool story_fill_budget = true;         // as fill_budget; short extracts fill better
  double story_centrality_weight = 0.5;  // PageRank over the pooled sentences
  double support_weight = 0.5;           // best similarity in each other article, summed
  double shared_weight = 0.5;            // terms that several articles use...
  double story_length_exponent = 0.0;    // ...over (number of terms)^this
  double title_weight = 0.0;             // overlap with the titles (0: no gain on train)
  double story_lead_weight = 0.6;        // 1 / (position in its article)^exponent
  double story_lead_exponent = 1.0;      // 1: only the ledes count; 0.5: a longer lead
  // A quote with a named speaker (StoryArticle::quotes). Tuned on AllSides train with the
  // quotes the people/quotes models find, as ingest passes them: any weight from -0.4 to 1.0
  // lowers R2 (1.0: 0.17368 → 0.17256), so a quote counts only by what it says. The
  // summary still names each quoted sentence's speaker.
  double quote_weight = 0.0;
  double coverage_weight = 3.0;       // shared terms a sentence adds to those already chosen
  // A term's coverage worth: the other articles that use it + this × log(pooled sentences
  // that carry it). 0 counts only agreement between outlets.
  double frequency_weight = 0.0;
  // Coverage of the pool: the similarity to the chosen sentences each pooled sentence
  // gains, capped at pool_saturation × its similarity to the whole pool (Lin & Bilmes).
  double pool_coverage_weight = 4.0;
  double pool_saturation = 0.2;
  double redundancy = 1.5;            // MMR: penalty × similarity to what is already chosen
  // With a word budget, a candidate's MMR value is divided by (its words / budget)^this:
  // 0 ignores length, 1 ranks by value per word.
  double story_cost_exponent = 0.0;
  double duplicate_similarity = 0.6;  // cosine at or above which two sentences are one
  // With avoid_dangling, a sentence opening with a pronoun may come in together with the
  // sentence before it (its antecedent); false: only once that sentence is in.
  bool story_take_antecedent = true;
};

struct SummarySentence {
  std::string text;  // the sentence as published
  size_t begin = 0;  // bytes into the article's text, [begin, end)
  size_t end = 0;
  size_t article = 0;       // index of the article in the input (0 for SummarizeArticle)
  std::string outlet;       // the article's outlet ("" when unknown)
  std::string source_file;  // the article's source file ("" when unknown)
  double score = 0;
  std::vector<size_t> also_in;  // other articles that carry a near-duplicate sentence
  std::string speaker;          // the named speaker of a quote in the sentence, if any
};

struct ArticleSummary {
  std::vector<SummarySentence> sentences;  // in document order
};

// REQUIRES nothing; an empty text gives an empty summary.
ArticleSummary SummarizeArticle(std::string_view text, const SummaryOptions& options = {});

// One article of a story, as the caller has it.
struct StoryArticle {
  std::string text;
  std::string title;
  std::string outlet;
  std::string source_file;
  std::vector<QuoteRecord> quotes;  // from the people/quotes stage; byte spans into text
};

struct StorySummary {
  // Ordered as a reader should read them: by position in their article (ledes first),
  // the higher-scored first between equal positions.
  std::vector<SummarySentence> sentences;
};

// The default budget for a story is `options.sentences` (set `words` for a word budget).
StorySummary SummarizeStory(const std::vector<StoryArticle>& articles,
                            const SummaryOptions& options = {});

struct CoverageOptions {
  // A sentence has a counterpart when its best cosine similarity (content terms) to a
  // sentence of another article reaches this.
  double counterpart_similarity = 0.3;
  // Sentence pairs at or above this similarity are aligned to find wording differences.
  double align_similarity = 0.35;
  size_t max_phrase_tokens = 3;  // a wording difference is at most this long on each side
  size_t max_sentences_in = 400;
  size_t max_story_sentences = 2000;  // as SummaryOptions::max_story_sentences
};

struct OutletQuote {
  QuoteRecord quote;
  bool only_here = false;  // no other article carries this quote's words
};

struct OutletCoverage {
  size_t article = 0;
  std::string outlet;
  std::string source_file;
  std::vector<SummarySentence> only_here;  // sentences no other article has, document order
  std::vector<OutletQuote> quotes;
};

// The same thing worded differently by two articles: `a` in article_a, `b` in article_b.
struct WordingDifference {
  std::string a;
  std::string b;
  size_t article_a = 0;
  size_t article_b = 0;
  size_t count = 0;       // aligned sentence pairs showing it
  std::string example_a;  // one such pair
  std::string example_b;
};

struct Coverage {
  std::vector<OutletCoverage> outlets;     // one per input article, input order
  std::vector<WordingDifference> wording;  // most frequent first
};

Coverage CompareCoverage(const std::vector<StoryArticle>& articles,
                         const CoverageOptions& options = {});

// The content terms sentences are compared by: lower-cased words and numbers without
// function words, plurals folded ("Talks" → "talk"). Exposed so that baselines and
// evaluations compare sentences the same way.
std::vector<std::string> ContentTerms(std::string_view text);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_SUMMARIZE_H_
