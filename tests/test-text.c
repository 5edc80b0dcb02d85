/* test-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AnnotaText: offset conversions, boundaries, snapping, tokens, sentences,
 * the NFC check and search. Expected numbers were computed by hand or with
 * Python (str indices, len(s.encode()), utf-16-le, regex \X) and are
 * literals here.
 */
#include "annota-core.h"
#include "annota-utf8-private.h"

#include <string.h>

/* The first five lines of shared/samples/kerry-lavrov-moscow.vi.txt. */
static const char sample_vi[] =
  "Phần công việc chủ yếu rơi vào ngày thứ hai của chuyến thăm: hôm thứ Năm, cuộc đàm "
  "phán Nga-Mỹ đã kéo dài tổng cộng gần tám giờ và diễn ra trong hai giai đoạn: bốn "
  "tiếng cho cuộc họp giữa hai ngoại trưởng Kerry và Sergei Lavrov và gần bốn tiếng nữa "
  "cho cuộc hội đàm của Tổng thống Nga Vladimir Putin với Ngoại trưởng Hoa Kỳ ở điện "
  "Kremlin.\n"
  "Ông John Kerry tuyên bố những cuộc đối thoại của ông ở Matxcơva là có hiệu suất.\n"
  "\"Tôi xin cảm ơn về việc ông, Sergei (Lavrov) và Tổng thống Putin đã dành thời gian "
  "ngày hôm nay cho một cuộc đối thoại hết sức nghiêm túc và mang tính xây dựng, tôi có "
  "thể nói rằng cuộc đối thoại rất sâu sắc và thấu đáo\", — ông Kerry nói sau các cuộc "
  "đàm phán.\n"
  "\"Về phần mình, chúng tôi khẳng định rằng không bao giờ đóng cửa và không né tránh "
  "tương tác, luôn sẵn sàng hợp tác trên cơ sở bình đẳng, trên cơ sở tôn trọng lợi ích "
  "lẫn nhau\", — người đứng đầu Bộ Ngoại giao Nga nói thêm.\n"
  "Sự quan tâm đặc biệt của các bên được dành cho vấn đề Syria. Matxcơva và Washington "
  "đã xác nhận thỏa thuận của mình trong việc cần thiết tiến hành các cuộc đối thoại "
  "trực tiếp giữa chính phủ Syria và các đại diện của phe đối lập. Hai bên ghi nhận sự "
  "tiến bộ trong việc giảm mức độ bạo lực ở Syria nhờ sự hợp tác giữa Matxcơva và "
  "Washington.\n";
#define SAMPLE_VI_LENGTH 1245

typedef struct {
  const char *name;
  const char *text;
  gsize n_bytes;
  guint n_cp;
  guint n_u16;
  /* Indexed by code point, n_cp + 1 entries. */
  guint bytes[32];
  guint u16[32];
  /* Grapheme boundaries from 0 to n_cp. */
  guint graphemes[32];
} Sample;

static const Sample samples[] = {
  { "ascii", "Hello, world!\r\nBye.", 19, 19, 19,
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19 } },
  { "vi-nfc", "Tiếng Việt có dấu", 24, 17, 17,
    { 0, 1, 2, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 18, 19, 20, 23, 24 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 } },
  { "vi-nfd", "Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u", 31, 24, 24,
    { 0, 1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 30, 31 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24 },
    { 0, 1, 2, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 18, 19, 20, 23, 24 } },
  { "emoji-zwj", "a\U0001F469\u200D\U0001F469\u200D\U0001F467b\u2764\uFE0F!", 27, 10, 13,
    { 0, 1, 5, 8, 12, 15, 19, 20, 23, 26, 27 },
    { 0, 1, 3, 4, 6, 7, 9, 10, 11, 12, 13 },
    { 0, 1, 6, 7, 9, 10 } },
  { "flags", "\U0001F1FB\U0001F1F3 Việt Nam \U0001F1EF\U0001F1F5", 28, 14, 18,
    { 0, 4, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 24, 28 },
    { 0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18 },
    { 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14 } },
  { "crlf", "một\r\nhai\r\n", 12, 10, 10,
    { 0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },
    { 0, 1, 2, 3, 5, 6, 7, 8, 10 } },
  { "arabic", "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", 25, 13, 13,
    { 0, 2, 4, 6, 8, 10, 11, 13, 15, 17, 19, 21, 23, 25 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 } },
  { "cjk", "\u4E2D\u6587 \U00020BB7\u91CE\u5BB6", 17, 6, 7,
    { 0, 3, 6, 7, 11, 14, 17 },
    { 0, 1, 2, 3, 5, 6, 7 },
    { 0, 1, 2, 3, 4, 5, 6 } },
  { "mixed", "Phạm \U0001F44D\U0001F3FD x=é\u0301 \u0645\u0631 \u4E2D\U0001F1FB\U0001F1F3\r\n.", 42, 22, 26,
    { 0, 1, 2, 5, 6, 7, 11, 15, 16, 17, 18, 20, 22, 23, 25, 27, 28, 31, 35, 39, 40, 41, 42 },
    { 0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 23, 24, 25, 26 },
    { 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 19, 21, 22 } },
};

static void
test_conversions (gconstpointer data)
{
  const Sample *s = data;
  AnnotaText *text = annota_text_new (s->text, -1);
  gboolean exact = FALSE;

  g_assert_cmpstr (annota_text_get_utf8 (text), ==, s->text);
  g_assert_cmpuint (annota_text_get_n_bytes (text), ==, s->n_bytes);
  g_assert_cmpuint (annota_text_get_length (text), ==, s->n_cp);
  g_assert_cmpuint (annota_text_get_utf16_length (text), ==, s->n_u16);

  for (guint cp = 0; cp <= s->n_cp; cp++)
    {
      g_assert_cmpuint (annota_text_cp_to_byte (text, cp), ==, s->bytes[cp]);
      g_assert_cmpuint (annota_text_byte_to_cp (text, s->bytes[cp]), ==, cp);
      g_assert_cmpuint (annota_text_cp_to_utf16 (text, cp), ==, s->u16[cp]);
      exact = FALSE;
      g_assert_cmpuint (annota_text_utf16_to_cp (text, s->u16[cp], &exact), ==, cp);
      g_assert_true (exact);
      g_assert_cmpuint (annota_text_utf16_to_cp (text, s->u16[cp], NULL), ==, cp);
    }

  /* Offsets inside a character map to that character. */
  for (guint cp = 0; cp < s->n_cp; cp++)
    {
      for (guint b = s->bytes[cp] + 1; b < s->bytes[cp + 1]; b++)
        g_assert_cmpuint (annota_text_byte_to_cp (text, b), ==, cp);
      if (s->u16[cp + 1] - s->u16[cp] == 2)
        {
          exact = TRUE;
          g_assert_cmpuint (annota_text_utf16_to_cp (text, s->u16[cp] + 1, &exact), ==, cp);
          g_assert_false (exact);
        }
    }

  /* Past the end clamps. */
  g_assert_cmpuint (annota_text_cp_to_byte (text, s->n_cp + 1), ==, s->n_bytes);
  g_assert_cmpuint (annota_text_cp_to_byte (text, G_MAXUINT), ==, s->n_bytes);
  g_assert_cmpuint (annota_text_byte_to_cp (text, s->n_bytes + 1), ==, s->n_cp);
  g_assert_cmpuint (annota_text_byte_to_cp (text, G_MAXSIZE), ==, s->n_cp);
  g_assert_cmpuint (annota_text_cp_to_utf16 (text, s->n_cp + 7), ==, s->n_u16);
  exact = FALSE;
  g_assert_cmpuint (annota_text_utf16_to_cp (text, G_MAXUINT, &exact), ==, s->n_cp);
  g_assert_true (exact);

  /* Substrings and peeks agree with the byte table. */
  for (guint a = 0; a <= s->n_cp; a++)
    for (guint b = a; b <= s->n_cp + 1; b++)
      {
        g_autofree char *sub = annota_text_substring (text, a, b);
        guint bb = MIN (b, s->n_cp);
        gsize n = 0;
        const char *p = annota_text_peek_at (text, a, &n, b);

        g_assert_cmpuint (strlen (sub), ==, s->bytes[bb] - s->bytes[a]);
        g_assert_cmpmem (sub, strlen (sub), s->text + s->bytes[a], s->bytes[bb] - s->bytes[a]);
        g_assert_true (p == annota_text_get_utf8 (text) + s->bytes[a]);
        g_assert_cmpuint (n, ==, s->bytes[bb] - s->bytes[a]);
      }

  g_assert_finalize_object (text);
}

static void
test_graphemes (gconstpointer data)
{
  const Sample *s = data;
  AnnotaText *text = annota_text_new (s->text, -1);
  gboolean boundary[33] = { FALSE, };
  guint n_boundaries = 0;

  for (guint i = 0; ; i++)
    {
      boundary[s->graphemes[i]] = TRUE;
      n_boundaries++;
      if (s->graphemes[i] == s->n_cp)
        break;
    }
  g_assert_cmpuint (n_boundaries, >=, 2);

  for (guint cp = 0; cp <= s->n_cp; cp++)
    {
      guint next = cp + 1, prev = cp > 0 ? cp - 1 : 0;

      while (next < s->n_cp && !boundary[next])
        next++;
      while (prev > 0 && !boundary[prev])
        prev--;
      next = MIN (next, s->n_cp);

      g_assert_cmpint (annota_text_is_grapheme_boundary (text, cp), ==, boundary[cp]);
      g_assert_cmpuint (annota_text_next_grapheme (text, cp), ==, next);
      g_assert_cmpuint (annota_text_prev_grapheme (text, cp), ==, prev);
    }
  g_assert_true (annota_text_is_grapheme_boundary (text, s->n_cp + 3));
  g_assert_cmpuint (annota_text_next_grapheme (text, s->n_cp + 3), ==, s->n_cp);

  g_assert_finalize_object (text);
}

static void
test_empty (void)
{
  AnnotaText *text = annota_text_new ("", -1);
  AnnotaText *text2 = annota_text_new (NULL, 0);
  g_autoptr(GArray) found = NULL;
  g_autofree char *sub = NULL;
  guint start = 3, end = 1;

  g_assert_cmpuint (annota_text_get_length (text), ==, 0);
  g_assert_cmpuint (annota_text_get_n_bytes (text2), ==, 0);
  g_assert_cmpstr (annota_text_get_utf8 (text2), ==, "");
  g_assert_cmpuint (annota_text_cp_to_byte (text, 4), ==, 0);
  g_assert_cmpuint (annota_text_byte_to_cp (text, 4), ==, 0);
  g_assert_cmpuint (annota_text_cp_to_utf16 (text, 4), ==, 0);
  g_assert_cmpuint (annota_text_utf16_to_cp (text, 4, NULL), ==, 0);
  g_assert_cmpuint (annota_text_next_grapheme (text, 0), ==, 0);
  g_assert_cmpuint (annota_text_prev_word (text, 0), ==, 0);
  annota_text_snap_words (text, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
  g_assert_cmpuint (annota_text_get_tokens (text)->len, ==, 0);
  g_assert_cmpuint (annota_text_get_sentences (text)->len, ==, 0);
  g_assert_true (annota_text_is_nfc (text));
  found = annota_text_search (text, "a", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE);
  g_assert_cmpuint (found->len, ==, 0);
  sub = annota_text_substring (text, 0, 5);
  g_assert_cmpstr (sub, ==, "");

  g_assert_finalize_object (text);
  g_assert_finalize_object (text2);
}

static void
test_new_take_and_len (void)
{
  AnnotaText *text = annota_text_new_take (g_strdup ("Vi\xe1\xbb\x87t"), 6);
  AnnotaText *part = annota_text_new ("Vi\xe1\xbb\x87t Nam", 6);

  g_assert_cmpuint (annota_text_get_length (text), ==, 4);
  g_assert_cmpuint (annota_text_get_length (part), ==, 4);
  g_assert_cmpstr (annota_text_get_utf8 (part), ==, "Vi\xe1\xbb\x87t");

  g_assert_finalize_object (text);
  g_assert_finalize_object (part);
}

static void
test_invalid_utf8 (void)
{
  if (g_test_subprocess ())
    {
      AnnotaText *text = annota_text_new ("ab\xc3", -1);

      g_assert_null (text);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*_annota_utf8_validate*");
}

static void
test_words (void)
{
  /* Ông 0-3, John 4-8, Kerry 9-14, tuyên 15-20, bố 21-23. */
  AnnotaText *text = annota_text_new ("\xc3\x94ng John Kerry tuy\xc3\xaan b\xe1\xbb\x91", -1);
  const guint next[] = { 3, 3, 3, 4, 8, 8, 8, 8, 9, 14, 14, 14, 14, 14, 15, 20, 20, 20, 20, 20, 21, 23, 23, 23, 23 };
  const guint prev[] = { 0, 0, 0, 0, 3, 4, 4, 4, 4, 8, 9, 9, 9, 9, 9, 14, 15, 15, 15, 15, 15, 20, 21, 21, 21 };

  g_assert_cmpuint (annota_text_get_length (text), ==, 23);
  for (guint cp = 0; cp <= 24; cp++)
    {
      g_assert_cmpuint (annota_text_next_word (text, cp), ==, next[cp]);
      g_assert_cmpuint (annota_text_prev_word (text, cp), ==, prev[cp]);
    }

  g_assert_finalize_object (text);
}

static void
assert_snap_words (AnnotaText *text,
                   guint       start,
                   guint       end,
                   guint       expected_start,
                   guint       expected_end)
{
  guint s = start, e = end;

  annota_text_snap_words (text, &s, &e);
  if (s != expected_start || e != expected_end)
    g_error ("snap_words (%u, %u) gave (%u, %u), expected (%u, %u)",
             start, end, s, e, expected_start, expected_end);
}

static void
assert_snap_graphemes (AnnotaText *text,
                       guint       start,
                       guint       end,
                       guint       expected_start,
                       guint       expected_end)
{
  guint s = start, e = end;

  annota_text_snap_graphemes (text, &s, &e);
  if (s != expected_start || e != expected_end)
    g_error ("snap_graphemes (%u, %u) gave (%u, %u), expected (%u, %u)",
             start, end, s, e, expected_start, expected_end);
}

static void
test_snap_words (void)
{
  AnnotaText *text = annota_text_new ("\xc3\x94ng John Kerry tuy\xc3\xaan b\xe1\xbb\x91", -1);
  g_autofree char *nfd = g_utf8_normalize ("Vi\xe1\xbb\x87t Nam, Nga-M\xe1\xbb\xb9 \r\n", -1, G_NORMALIZE_NFD);
  AnnotaText *decomposed = annota_text_new (nfd, -1);
  AnnotaText *emoji = annota_text_new ("xin \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 ch\xc3\xa0o", -1);

  /* From inside John to inside Kerry: exactly "John Kerry". */
  assert_snap_words (text, 5, 11, 4, 14);
  assert_snap_words (text, 11, 5, 4, 14);
  /* A trailing or leading space is trimmed. */
  assert_snap_words (text, 4, 15, 4, 14);
  assert_snap_words (text, 3, 8, 4, 8);
  assert_snap_words (text, 2, 9, 0, 8);
  /* Already on word boundaries. */
  assert_snap_words (text, 4, 8, 4, 8);
  assert_snap_words (text, 0, 23, 0, 23);
  /* A caret inside a word takes the word; one between words stays. */
  assert_snap_words (text, 6, 6, 4, 8);
  assert_snap_words (text, 14, 14, 14, 14);
  /* Only whitespace: left alone. */
  assert_snap_words (text, 8, 9, 8, 9);
  /* Clamped. */
  assert_snap_words (text, 22, 99, 21, 23);

  /* NFD: "Vie\u0323\u0302t" 0-6, "Nam" 7-10, "," 10, "Nga" 12-15, "-" 15,
   * "My\u0303" 16-19, " " 19, "\r\n" 20-22. */
  g_assert_cmpuint (annota_text_get_length (decomposed), ==, 22);
  assert_snap_words (decomposed, 0, 3, 0, 6);
  assert_snap_words (decomposed, 3, 4, 0, 6);
  assert_snap_words (decomposed, 8, 11, 7, 11);
  assert_snap_words (decomposed, 13, 17, 12, 19);
  /* Trailing space and CR LF go, never half of CR LF. */
  assert_snap_words (decomposed, 16, 22, 16, 19);
  assert_snap_words (decomposed, 16, 21, 16, 19);
  assert_snap_words (decomposed, 19, 21, 19, 22);

  /* "xin " 0-4, the family 4-7, " " 7, "chào" 8-12. */
  assert_snap_words (emoji, 5, 6, 4, 7);
  assert_snap_words (emoji, 1, 5, 0, 7);
  assert_snap_words (emoji, 3, 9, 4, 12);

  g_assert_finalize_object (text);
  g_assert_finalize_object (decomposed);
  g_assert_finalize_object (emoji);
}

static void
test_snap_graphemes (void)
{
  /* a, the family 1-6, b 6, the heart with VS16 7-9, the flag 9-11, \r\n 11-13. */
  AnnotaText *text = annota_text_new ("a\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
                                      "b\xe2\x9d\xa4\xef\xb8\x8f\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3\r\n", -1);

  g_assert_cmpuint (annota_text_get_length (text), ==, 13);
  assert_snap_graphemes (text, 2, 4, 1, 6);
  assert_snap_graphemes (text, 0, 1, 0, 1);
  assert_snap_graphemes (text, 3, 3, 1, 6);
  assert_snap_graphemes (text, 6, 6, 6, 6);
  assert_snap_graphemes (text, 5, 8, 1, 9);
  assert_snap_graphemes (text, 10, 10, 9, 11);
  assert_snap_graphemes (text, 10, 12, 9, 13);
  assert_snap_graphemes (text, 12, 1, 1, 13);
  assert_snap_graphemes (text, 40, 50, 13, 13);

  g_assert_finalize_object (text);
}

static const AnnotaRange first_sentence_tokens[] = {
  { 0, 4 }, { 5, 9 }, { 10, 14 }, { 15, 18 }, { 19, 22 }, { 23, 26 },
  { 27, 30 }, { 31, 35 }, { 36, 39 }, { 40, 43 }, { 44, 47 }, { 48, 54 },
  { 55, 59 }, { 59, 60 }, { 61, 64 }, { 65, 68 }, { 69, 72 }, { 72, 73 },
  { 74, 78 }, { 79, 82 }, { 83, 87 }, { 88, 91 }, { 91, 92 }, { 92, 94 },
  { 95, 97 }, { 98, 101 }, { 102, 105 }, { 106, 110 }, { 111, 115 }, { 116, 119 },
  { 120, 123 }, { 124, 127 }, { 128, 130 }, { 131, 135 }, { 136, 138 }, { 139, 144 },
  { 145, 148 }, { 149, 153 }, { 154, 158 }, { 158, 159 }, { 160, 163 }, { 164, 169 },
  { 170, 173 }, { 174, 178 }, { 179, 182 }, { 183, 187 }, { 188, 191 }, { 192, 197 },
  { 198, 204 }, { 205, 210 }, { 211, 213 }, { 214, 220 }, { 221, 227 }, { 228, 230 },
  { 231, 234 }, { 235, 238 }, { 239, 244 }, { 245, 248 }, { 249, 252 }, { 253, 257 },
  { 258, 261 }, { 262, 265 }, { 266, 269 }, { 270, 274 }, { 275, 280 }, { 281, 284 },
  { 285, 293 }, { 294, 299 }, { 300, 303 }, { 304, 309 }, { 310, 316 }, { 317, 320 },
  { 321, 323 }, { 324, 325 }, { 326, 330 }, { 331, 338 }, { 338, 339 }
};

static void
test_tokens (void)
{
  g_autofree char *first = NULL;
  AnnotaText *sample = annota_text_new (sample_vi, -1);
  AnnotaText *text;
  GArray *tokens;

  g_assert_cmpuint (annota_text_get_length (sample), ==, SAMPLE_VI_LENGTH);
  first = annota_text_substring (sample, 0, 339);
  g_assert_true (g_str_has_suffix (first, "Kremlin."));
  text = annota_text_new (first, -1);

  tokens = annota_text_get_tokens (text);
  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (first_sentence_tokens));
  for (guint i = 0; i < tokens->len; i++)
    {
      AnnotaRange *r = &g_array_index (tokens, AnnotaRange, i);

      g_assert_cmpuint (r->start, ==, first_sentence_tokens[i].start);
      g_assert_cmpuint (r->end, ==, first_sentence_tokens[i].end);
    }
  /* Cached: the same array again. */
  g_assert_true (annota_text_get_tokens (text) == tokens);

  g_assert_finalize_object (text);
  g_assert_finalize_object (sample);
}

static void
test_tokens_mixed (void)
{
  /* "Nga-Mỹ" 0-6, " " , "(8,5%)" 7-13, "  ", the family 15-20, " ",
   * "\r\n" 21-23, "中文" 23-25, a flag 25-27, "." 27. */
  AnnotaText *text = annota_text_new ("Nga-M\xe1\xbb\xb9 (8,5%)  "
                                      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \r\n"
                                      "\xe4\xb8\xad\xe6\x96\x87\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3.", -1);
  const AnnotaRange expected[] = {
    { 0, 3 }, { 3, 4 }, { 4, 6 }, { 7, 8 }, { 8, 11 }, { 11, 12 }, { 12, 13 },
    { 15, 20 }, { 23, 25 }, { 25, 27 }, { 27, 28 },
  };
  GArray *tokens = annota_text_get_tokens (text);

  g_assert_cmpuint (annota_text_get_length (text), ==, 28);
  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      AnnotaRange *r = &g_array_index (tokens, AnnotaRange, i);

      g_assert_cmpuint (r->start, ==, expected[i].start);
      g_assert_cmpuint (r->end, ==, expected[i].end);
    }

  g_assert_finalize_object (text);
}

static void
test_sentences (void)
{
  AnnotaText *text = annota_text_new (sample_vi, -1);
  const AnnotaRange expected[] = {
    { 0, 339 }, { 340, 420 }, { 421, 681 }, { 682, 903 }, { 904, 964 }, { 965, 1133 }, { 1134, 1244 },
  };
  GArray *sentences = annota_text_get_sentences (text);

  g_assert_cmpuint (sentences->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      AnnotaRange *r = &g_array_index (sentences, AnnotaRange, i);

      g_assert_cmpuint (r->start, ==, expected[i].start);
      g_assert_cmpuint (r->end, ==, expected[i].end);
    }
  g_assert_true (annota_text_get_sentences (text) == sentences);

  g_assert_finalize_object (text);
}

static void
test_sentences_trimmed (void)
{
  /* "  Hai bên.  " then "\n\n", "  👍 Xong!" (the emoji takes two UTF-16
   * units) and trailing spaces. */
  AnnotaText *text = annota_text_new ("  Hai b\xc3\xaan.  \n\n  \xf0\x9f\x91\x8d Xong!  \n ", -1);
  GArray *sentences = annota_text_get_sentences (text);
  AnnotaRange *r;

  g_assert_cmpuint (annota_text_get_length (text), ==, 27);
  g_assert_cmpuint (sentences->len, ==, 2);
  r = &g_array_index (sentences, AnnotaRange, 0);
  g_assert_cmpuint (r->start, ==, 2);
  g_assert_cmpuint (r->end, ==, 10);
  r = &g_array_index (sentences, AnnotaRange, 1);
  g_assert_cmpuint (r->start, ==, 16);
  g_assert_cmpuint (r->end, ==, 23);

  g_assert_finalize_object (text);
}

static void
test_nfc (void)
{
  AnnotaText *sample = annota_text_new (sample_vi, -1);
  g_autofree char *nfd = g_utf8_normalize (sample_vi, -1, G_NORMALIZE_NFD);
  AnnotaText *decomposed = annota_text_new (nfd, -1);
  AnnotaText *ascii = annota_text_new ("plain ASCII\r\n", -1);
  /* "e" + U+0301 composes to "é": not NFC; U+0301 alone after a space is. */
  AnnotaText *combining = annota_text_new ("cafe\xcc\x81", -1);
  AnnotaText *lone_mark = annota_text_new ("a \xcc\x81 \xf0\x9f\x87\xbb\xf0\x9f\x87\xb3", -1);

  g_assert_cmpuint (annota_text_get_length (decomposed), >, SAMPLE_VI_LENGTH);
  g_assert_true (annota_text_is_nfc (sample));
  g_assert_false (annota_text_is_nfc (decomposed));
  g_assert_true (annota_text_is_nfc (ascii));
  g_assert_false (annota_text_is_nfc (combining));
  g_assert_true (annota_text_is_nfc (lone_mark));
  /* Cached answers, and the same answers after the UTF-16 copy exists. */
  g_assert_false (annota_text_is_nfc (decomposed));
  g_assert_cmpuint (annota_text_get_tokens (combining)->len, ==, 1);
  g_assert_false (annota_text_is_nfc (combining));

  g_assert_finalize_object (sample);
  g_assert_finalize_object (decomposed);
  g_assert_finalize_object (ascii);
  g_assert_finalize_object (combining);
  g_assert_finalize_object (lone_mark);
}

static gboolean
padded_is_nfc (const char *padding,
               guint       n_padding,
               const char *tail,
               gboolean    tokens_first)
{
  g_autoptr(GString) s = g_string_new (NULL);
  AnnotaText *text;
  gboolean nfc;

  for (guint i = 0; i < n_padding; i++)
    g_string_append (s, padding);
  g_string_append (s, tail);
  text = annota_text_new (s->str, -1);
  if (tokens_first)
    g_assert_cmpuint (annota_text_get_tokens (text)->len, ==, 1);
  nfc = annota_text_is_nfc (text);
  g_assert_finalize_object (text);

  return nfc;
}

static void
test_nfc_long (void)
{
  /* Without a UTF-16 copy, the check goes through the text in pieces of
   * about 8 KB: a mark right after a cut still counts. "ă" takes two bytes. */
  for (guint n = 8185; n <= 8200; n++)
    for (guint tokens_first = 0; tokens_first <= 1; tokens_first++)
      {
        g_assert_false (padded_is_nfc ("a", n, "e\xcc\x81", tokens_first));
        g_assert_true (padded_is_nfc ("a", n, "\xc3\xa9", tokens_first));
        g_assert_false (padded_is_nfc ("\xc4\x83", n / 2, "e\xcc\x81", tokens_first));
        g_assert_true (padded_is_nfc ("\xc4\x83", n / 2, "\xc3\xa9", tokens_first));
        /* "ă" + U+0306 stays; "ă" + U+0323 composes to "ặ". */
        g_assert_true (padded_is_nfc ("\xc4\x83", n / 2, "\xcc\x86", tokens_first));
        g_assert_false (padded_is_nfc ("\xc4\x83", n / 2, "\xcc\xa3", tokens_first));
      }
  g_assert_false (padded_is_nfc ("\xc4\x83", 20000, "e\xcc\x81", FALSE));
  g_assert_true (padded_is_nfc ("\xc4\x83", 20000, "", FALSE));
}

static void
assert_matches (AnnotaText        *text,
                const char        *query,
                AnnotaSearchFlags  flags,
                const AnnotaRange *expected,
                guint              n_expected)
{
  g_autoptr(GArray) found = annota_text_search (text, query, flags);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      AnnotaRange *r = &g_array_index (found, AnnotaRange, i);

      g_string_append_printf (got, "(%u,%u)", r->start, r->end);
    }
  for (guint i = 0; i < n_expected; i++)
    g_string_append_printf (want, "(%u,%u)", expected[i].start, expected[i].end);

  if (!g_str_equal (got->str, want->str))
    g_error ("search \"%s\" flags %d found %s, expected %s", query, flags, got->str, want->str);
}

#define ASSERT_MATCHES(text, query, flags, ...) \
  G_STMT_START { \
    const AnnotaRange expected_[] = { __VA_ARGS__ }; \
    assert_matches (text, query, flags, expected_, G_N_ELEMENTS (expected_)); \
  } G_STMT_END
#define ASSERT_NO_MATCH(text, query, flags) assert_matches (text, query, flags, NULL, 0)

static void
test_search_sample (void)
{
  AnnotaText *text = annota_text_new (sample_vi, -1);

  ASSERT_MATCHES (text, "Kerry", 0, { 205, 210 }, { 349, 354 }, { 649, 654 });
  ASSERT_MATCHES (text, "Matxc\xc6\xa1va", 0, { 395, 403 }, { 965, 973 }, { 1221, 1229 });
  ASSERT_NO_MATCH (text, "matxc\xc6\xa1va", 0);
  ASSERT_NO_MATCH (text, "Matxcova", 0);
  /* Case-insensitive keeps the horn of ơ apart from o. */
  ASSERT_MATCHES (text, "MATXC\xc6\xa0VA", ANNOTA_SEARCH_CASE_INSENSITIVE, { 395, 403 }, { 965, 973 }, { 1221, 1229 });
  ASSERT_NO_MATCH (text, "Matxcova", ANNOTA_SEARCH_CASE_INSENSITIVE);
  ASSERT_MATCHES (text, "Matxcova", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, { 395, 403 }, { 965, 973 }, { 1221, 1229 });
  ASSERT_MATCHES (text, "matxcova", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD,
                  { 395, 403 }, { 965, 973 }, { 1221, 1229 });
  ASSERT_MATCHES (text, "nga", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD,
                  { 88, 91 }, { 281, 284 }, { 890, 893 });
  /* "Đà Nẵng"-style: đ is d with a stroke, a diacritic. */
  ASSERT_MATCHES (text, "dam phan", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, { 79, 87 }, { 672, 680 });
  ASSERT_NO_MATCH (text, "", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE);
  ASSERT_NO_MATCH (text, "", 0);

  g_assert_finalize_object (text);
}

static void
test_search_flags (void)
{
  AnnotaText *text = annota_text_new ("Nga nga ng\xc3\xa0 NGA Ngai Nga-M\xe1\xbb\xb9", -1);
  AnnotaText *runs = annota_text_new ("aaaa", -1);
  AnnotaText *shifted = annota_text_new ("xa a a", -1);

  ASSERT_MATCHES (text, "Nga", 0, { 0, 3 }, { 16, 19 }, { 21, 24 });
  ASSERT_MATCHES (text, "Nga", ANNOTA_SEARCH_WHOLE_WORD, { 0, 3 }, { 21, 24 });
  ASSERT_MATCHES (text, "nga", ANNOTA_SEARCH_CASE_INSENSITIVE,
                  { 0, 3 }, { 4, 7 }, { 12, 15 }, { 16, 19 }, { 21, 24 });
  ASSERT_MATCHES (text, "nga", ANNOTA_SEARCH_CASE_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD,
                  { 0, 3 }, { 4, 7 }, { 12, 15 }, { 21, 24 });
  ASSERT_MATCHES (text, "nga", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE,
                  { 0, 3 }, { 4, 7 }, { 8, 11 }, { 12, 15 }, { 16, 19 }, { 21, 24 });
  ASSERT_MATCHES (text, "NG\xc3\x80", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD,
                  { 0, 3 }, { 4, 7 }, { 8, 11 }, { 12, 15 }, { 21, 24 });
  ASSERT_MATCHES (text, "ng\xc3\xa0", ANNOTA_SEARCH_CASE_INSENSITIVE, { 8, 11 });
  ASSERT_MATCHES (text, "Nga-M", 0, { 21, 26 });
  ASSERT_NO_MATCH (text, "Nga-M", ANNOTA_SEARCH_WHOLE_WORD);

  /* Matches never overlap. */
  ASSERT_MATCHES (runs, "aa", 0, { 0, 2 }, { 2, 4 });
  ASSERT_MATCHES (runs, "AA", ANNOTA_SEARCH_CASE_INSENSITIVE, { 0, 2 }, { 2, 4 });
  ASSERT_NO_MATCH (runs, "aa", ANNOTA_SEARCH_WHOLE_WORD);
  ASSERT_MATCHES (runs, "aaaa", ANNOTA_SEARCH_WHOLE_WORD, { 0, 4 });
  /* A match rejected for not being whole words does not hide the next,
   * overlapping one. */
  ASSERT_MATCHES (shifted, "a a", ANNOTA_SEARCH_WHOLE_WORD, { 3, 6 });
  ASSERT_MATCHES (shifted, "A A", ANNOTA_SEARCH_CASE_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD, { 3, 6 });
  ASSERT_MATCHES (shifted, "a a", 0, { 1, 4 });

  g_assert_finalize_object (text);
  g_assert_finalize_object (runs);
  g_assert_finalize_object (shifted);
}

static void
test_search_nfd (void)
{
  g_autofree char *first = NULL;
  g_autofree char *nfd = NULL;
  AnnotaText *sample = annota_text_new (sample_vi, -1);
  AnnotaText *text;
  /* V i e U+0323 U+0302 t, space, V i e t. */
  AnnotaText *viet = annota_text_new ("Vie\xcc\xa3\xcc\x82t Viet", -1);

  /* "Ông John Kerry ... ở Matxcơva là có hiệu suất." in NFD: 102 code
   * points, "O\u0302ng" 0-4 and 61-65, "Matxco\u031Bva" 70-79. */
  first = annota_text_substring (sample, 340, 420);
  nfd = g_utf8_normalize (first, -1, G_NORMALIZE_NFD);
  text = annota_text_new (nfd, -1);
  g_assert_cmpuint (annota_text_get_length (text), ==, 102);

  ASSERT_MATCHES (text, "Matxcova", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, { 70, 79 });
  ASSERT_MATCHES (text, "matxc\xc6\xa1va", ANNOTA_SEARCH_CASE_INSENSITIVE, { 70, 79 });
  ASSERT_MATCHES (text, "\xc3\xb4ng", ANNOTA_SEARCH_CASE_INSENSITIVE, { 0, 4 }, { 61, 65 });
  ASSERT_MATCHES (text, "\xc3\xb4ng", ANNOTA_SEARCH_CASE_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD, { 0, 4 }, { 61, 65 });
  /* Exact means the same code points. */
  ASSERT_NO_MATCH (text, "\xc3\x94ng", 0);
  ASSERT_MATCHES (text, "O\xcc\x82ng", 0, { 0, 4 });

  /* An exact match never ends inside a cluster; an insensitive one takes
   * the marks along. */
  ASSERT_MATCHES (viet, "Vie", 0, { 7, 10 });
  ASSERT_NO_MATCH (viet, "e", ANNOTA_SEARCH_WHOLE_WORD);
  ASSERT_MATCHES (viet, "Vie", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, { 0, 5 }, { 7, 10 });
  ASSERT_MATCHES (viet, "Viet", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, { 0, 6 }, { 7, 11 });
  ASSERT_MATCHES (viet, "vi\xe1\xbb\x87t", ANNOTA_SEARCH_CASE_INSENSITIVE, { 0, 6 });

  g_assert_finalize_object (text);
  g_assert_finalize_object (viet);
  g_assert_finalize_object (sample);
}

static void
test_search_astral (void)
{
  /* The family 0-5, " Nga " 5-10, the flag 10-12, " nga" 12-16, CR LF. */
  AnnotaText *text = annota_text_new ("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 Nga "
                                      "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3 nga\r\n", -1);

  g_assert_cmpuint (annota_text_get_length (text), ==, 18);
  ASSERT_MATCHES (text, "NGA", ANNOTA_SEARCH_CASE_INSENSITIVE, { 6, 9 }, { 13, 16 });
  ASSERT_MATCHES (text, "nga", 0, { 13, 16 });
  ASSERT_MATCHES (text, "nga", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD, { 6, 9 }, { 13, 16 });
  ASSERT_MATCHES (text, "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3", 0, { 10, 12 });
  /* Half of a ZWJ sequence or of CR LF is not a match. */
  ASSERT_NO_MATCH (text, "\xf0\x9f\x91\xa7", 0);
  ASSERT_NO_MATCH (text, "\r", 0);
  ASSERT_MATCHES (text, "\r\n", 0, { 16, 18 });

  g_assert_finalize_object (text);
}

/* A generated text of about 5 MB: every offset is checked against a plain
 * walk, across the checkpoint and surrogate tables. */

static const char *large_pieces[] = {
  "word ", "Hello, ", "Vi\xe1\xbb\x87t ", "Vie\xcc\xa3\xcc\x82t ", "Nga-M\xe1\xbb\xb9 ",
  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 ",
  "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3 ", "\xe4\xb8\xad\xe6\x96\x87 ", "\xf0\xa0\xae\xb7\xe9\x87\x8e\xe5\xae\xb6 ",
  "\r\n", "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 ", "caf\xc3\xa9. ",
};

/* Tokens in each piece; ICU's dictionary splits the Japanese one in two. */
static const guint large_piece_tokens[] = { 1, 2, 1, 1, 3, 1, 1, 1, 2, 0, 1, 2 };

static char *
make_large_text (guint n_pieces_used,
                 gsize target,
                 guint counts[])
{
  GString *s = g_string_sized_new (target + 64);
  GRand *rand = g_rand_new_with_seed (20240611);

  while (s->len < target)
    {
      guint k = (guint) g_rand_int_range (rand, 0, (gint32) n_pieces_used);

      g_string_append (s, large_pieces[k]);
      counts[k]++;
    }
  g_rand_free (rand);

  return g_string_free (s, FALSE);
}

static void
check_all_offsets (AnnotaText *text,
                   const char *utf8)
{
  const char *p = utf8;
  guint cp = 0, u16 = 0;

  for (;;)
    {
      gsize byte = (gsize) (p - utf8);
      gunichar c;

      if (annota_text_cp_to_byte (text, cp) != byte ||
          annota_text_byte_to_cp (text, byte) != cp ||
          annota_text_cp_to_utf16 (text, cp) != u16 ||
          annota_text_utf16_to_cp (text, u16, NULL) != cp)
        g_error ("offsets of code point %u: byte %zu / %zu, utf16 %u / %u, back %u %u", cp,
                 annota_text_cp_to_byte (text, cp), byte, annota_text_cp_to_utf16 (text, cp), u16,
                 annota_text_byte_to_cp (text, byte), annota_text_utf16_to_cp (text, u16, NULL));
      if (*p == '\0')
        break;

      c = g_utf8_get_char (p);
      if (c > 0xFFFF)
        {
          gboolean exact = TRUE;

          g_assert_cmpuint (annota_text_utf16_to_cp (text, u16 + 1, &exact), ==, cp);
          g_assert_false (exact);
        }
      if (c >= 0x80)
        g_assert_cmpuint (annota_text_byte_to_cp (text, byte + 1), ==, cp);

      u16 += c > 0xFFFF ? 2 : 1;
      p = g_utf8_next_char (p);
      cp++;
    }

  g_assert_cmpuint (annota_text_get_length (text), ==, cp);
  g_assert_cmpuint (annota_text_get_utf16_length (text), ==, u16);
  g_assert_cmpuint (annota_text_get_n_bytes (text), ==, (gsize) (p - utf8));
}

static void
time_conversions (AnnotaText *text)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  GRand *rand = g_rand_new_with_seed (7);
  guint length = annota_text_get_length (text);
  guint n_u16 = annota_text_get_utf16_length (text);
  gsize n_bytes = annota_text_get_n_bytes (text);
  guint64 sum = 0;
  double elapsed;

  for (guint i = 0; i < 200000; i++)
    {
      guint cp = (guint) g_rand_int_range (rand, 0, (gint32) length + 1);

      sum += annota_text_cp_to_byte (text, cp);
      sum += annota_text_byte_to_cp (text, (gsize) g_rand_int_range (rand, 0, (gint32) n_bytes + 1));
      sum += annota_text_cp_to_utf16 (text, cp);
      sum += annota_text_utf16_to_cp (text, (guint) g_rand_int_range (rand, 0, (gint32) n_u16 + 1), NULL);
    }
  elapsed = g_timer_elapsed (timer, NULL);
  g_rand_free (rand);

  g_test_message ("200,000 offsets each way: %.1f ms (checksum %" G_GUINT64_FORMAT ")", elapsed * 1000, sum);
}

static void
test_large (void)
{
  guint counts[G_N_ELEMENTS (large_pieces)] = { 0, };
  g_autofree char *utf8 = make_large_text (G_N_ELEMENTS (large_pieces), 5 * 1024 * 1024, counts);
  AnnotaText *text = annota_text_new (utf8, -1);
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) loose = NULL;
  GArray *tokens;
  guint n_tokens = 0;

  check_all_offsets (text, utf8);
  time_conversions (text);

  /* "Việt" in NFC only when exact, in NFD too when diacritic-insensitive;
   * every match maps back to code points that spell it. */
  exact = annota_text_search (text, "Vi\xe1\xbb\x87t", 0);
  g_assert_cmpuint (exact->len, ==, counts[2]);
  loose = annota_text_search (text, "viet", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE | ANNOTA_SEARCH_WHOLE_WORD);
  g_assert_cmpuint (loose->len, ==, counts[2] + counts[3]);
  for (guint i = 0; i < loose->len; i++)
    {
      AnnotaRange *r = &g_array_index (loose, AnnotaRange, i);
      g_autofree char *sub = annota_text_substring (text, r->start, r->end);
      g_autofree char *nfc = g_utf8_normalize (sub, -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (nfc, ==, "Vi\xe1\xbb\x87t");
    }

  /* Tokens are ordered, never whitespace, and their edges are grapheme
   * boundaries (checked on a sample of them). */
  tokens = annota_text_get_tokens (text);
  for (guint k = 0; k < G_N_ELEMENTS (large_pieces); k++)
    n_tokens += counts[k] * large_piece_tokens[k];
  g_assert_cmpuint (tokens->len, ==, n_tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      AnnotaRange *r = &g_array_index (tokens, AnnotaRange, i);

      g_assert_cmpuint (r->start, <, r->end);
      if (i > 0)
        g_assert_cmpuint (g_array_index (tokens, AnnotaRange, i - 1).end, <=, r->start);
      if (i % 101 == 0)
        {
          g_assert_true (annota_text_is_grapheme_boundary (text, r->start));
          g_assert_true (annota_text_is_grapheme_boundary (text, r->end));
          g_assert_false (g_unichar_isspace (g_utf8_get_char (utf8 + annota_text_cp_to_byte (text, r->start))));
        }
    }

  g_assert_finalize_object (text);
}

static void
test_large_bmp_and_ascii (void)
{
  guint counts[G_N_ELEMENTS (large_pieces)] = { 0, };
  /* The first five pieces: ASCII and Vietnamese, no supplementary plane. */
  g_autofree char *bmp = make_large_text (5, 2 * 1024 * 1024, counts);
  /* The first two pieces: ASCII only. */
  g_autofree char *ascii = make_large_text (2, 2 * 1024 * 1024, counts);
  AnnotaText *text = annota_text_new (bmp, -1);
  AnnotaText *plain = annota_text_new (ascii, -1);

  g_assert_cmpuint (annota_text_get_utf16_length (text), ==, annota_text_get_length (text));
  g_assert_cmpuint (annota_text_get_n_bytes (plain), ==, annota_text_get_length (plain));
  check_all_offsets (text, bmp);
  check_all_offsets (plain, ascii);
  time_conversions (text);

  g_assert_finalize_object (text);
  g_assert_finalize_object (plain);
}

/* The readers' own UTF-8 check agrees with GLib's on every string of up
 * to three bytes, and on random longer ones that mix ASCII runs (the
 * eight-byte path) with lead, continuation and NUL bytes at every
 * alignment; the count agrees with g_utf8_strlen (). */
static void
check_utf8_agrees (const char *s,
                   gsize       len)
{
  const char *end = NULL, *glib_end = NULL;
  gboolean valid = _annota_utf8_validate (s, len, &end);
  gboolean glib_valid = g_utf8_validate_len (s, len, &glib_end);

  if (valid != glib_valid || end != glib_end)
    {
      g_autofree char *hex = g_strnfill (0, 0);

      for (gsize i = 0; i < len; i++)
        {
          char *next = g_strdup_printf ("%s %02x", hex, (guchar) s[i]);

          g_free (hex);
          hex = next;
        }
      g_error ("UTF-8 check of%s: %d at %td, GLib %d at %td", hex,
               valid, end - s, glib_valid, glib_end - s);
    }
  if (valid)
    {
      gsize n_four = 0, n_cp = _annota_utf8_count (s, len, &n_four);

      g_assert_cmpuint (n_cp, ==, (gsize) g_utf8_strlen (s, len));
      /* Three bytes hold no code point above U+FFFF. */
      if (len >= 4)
        {
          glong n_u16 = 0;
          g_autofree gunichar2 *u16 = g_utf8_to_utf16 (s, (glong) len, NULL, &n_u16, NULL);

          g_assert_cmpuint (n_cp + n_four, ==, (gsize) n_u16);
        }
      else
        g_assert_cmpuint (n_four, ==, 0);
    }
}

static void
test_utf8_validate (void)
{
  static const guchar pieces[] = {
    0x00, 'a', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
    0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  char buf[40];
  const char *end = NULL;

  for (guint n = 0; n <= 3; n++)
    for (guint32 v = 0; v < (1u << (8 * n)); v++)
      {
        for (guint i = 0; i < n; i++)
          buf[i] = (char) (v >> (8 * i));
        check_utf8_agrees (buf, n);
      }

  for (guint round = 0; round < 400000; round++)
    {
      guint len = (guint) g_rand_int_range (rand, 0, sizeof buf);

      for (guint i = 0; i < len; i++)
        {
          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              buf[i] = (char) pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
              break;
            case 1:
              buf[i] = (char) g_rand_int_range (rand, 0x80, 0xc0);
              break;
            default:
              buf[i] = (char) g_rand_int_range (rand, 0x20, 0x7f);
              break;
            }
        }
      check_utf8_agrees (buf, len);
    }

  /* Valid text at every alignment: Vietnamese, emoji, CJK. */
  for (guint shift = 0; shift < 9; shift++)
    {
      g_autofree char *s = g_strdup_printf ("%.*sHà Nội 👩‍👩‍👧 東京 Matxcơva\r\n", shift, "abcdefghi");

      g_assert_true (_annota_utf8_validate (s, strlen (s), &end));
      g_assert_true (end == s + strlen (s));
      g_assert_cmpuint (_annota_utf8_count (s, strlen (s), NULL), ==, shift + 26);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *conv = g_strdup_printf ("/annota/text/conversions/%s", samples[i].name);
      g_autofree char *graph = g_strdup_printf ("/annota/text/graphemes/%s", samples[i].name);

      g_test_add_data_func (conv, &samples[i], test_conversions);
      g_test_add_data_func (graph, &samples[i], test_graphemes);
    }
  g_test_add_func ("/annota/text/empty", test_empty);
  g_test_add_func ("/annota/text/new-take-and-len", test_new_take_and_len);
  g_test_add_func ("/annota/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/annota/text/utf8-validate", test_utf8_validate);
  g_test_add_func ("/annota/text/words", test_words);
  g_test_add_func ("/annota/text/snap-words", test_snap_words);
  g_test_add_func ("/annota/text/snap-graphemes", test_snap_graphemes);
  g_test_add_func ("/annota/text/tokens", test_tokens);
  g_test_add_func ("/annota/text/tokens-mixed", test_tokens_mixed);
  g_test_add_func ("/annota/text/sentences", test_sentences);
  g_test_add_func ("/annota/text/sentences-trimmed", test_sentences_trimmed);
  g_test_add_func ("/annota/text/nfc", test_nfc);
  g_test_add_func ("/annota/text/nfc-long", test_nfc_long);
  g_test_add_func ("/annota/text/search/sample", test_search_sample);
  g_test_add_func ("/annota/text/search/flags", test_search_flags);
  g_test_add_func ("/annota/text/search/nfd", test_search_nfd);
  g_test_add_func ("/annota/text/search/astral", test_search_astral);
  g_test_add_func ("/annota/text/large", test_large);
  g_test_add_func ("/annota/text/large-bmp-and-ascii", test_large_bmp_and_ascii);

  return g_test_run ();
}
