#include "text/language.h"

#include <gtest/gtest.h>

namespace storyline::text {
namespace {

TEST(LanguageTest, DetectsCommonLanguages) {
  EXPECT_EQ(DetectLanguage("A Russia-US summit will certainly be welcomed by both countries at "
                           "some point, Kremlin spokesman Dmitry Peskov said on Friday."),
            "en");
  EXPECT_EQ(DetectLanguage("Саммит России и США обязательно будет востребован обеими сторонами в "
                           "какой-то момент, заявил пресс-секретарь Кремля Дмитрий Песков."),
            "ru");
  EXPECT_EQ(DetectLanguage("Le porte-parole du Kremlin a déclaré vendredi qu'un sommet entre la "
                           "Russie et les États-Unis serait le bienvenu pour les deux pays."),
            "fr");
}

TEST(LanguageTest, UnsureIsEmpty) {
  EXPECT_EQ(DetectLanguage(""), "");
  EXPECT_EQ(DetectLanguage(std::string_view("\xff\xfe", 2)), "");
}

}  // namespace
}  // namespace storyline::text
