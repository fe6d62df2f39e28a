// Personal data in text: containsCreditCard, isCreditCard, containsSocialSecurityNumber. Like
// containsEmail, each asserts that the value holds what it names: a check fails the records
// without it.
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"
#include "app/checks/rules/CardNumberSql.h"

namespace assay::rules::make {

using T = RuleText;

namespace {

// A US social security number AAA-GG-SSSS, neither preceded nor followed by another digit.
// Never issued: area 000, 666 or 900-999; group 00; serial 0000. Written in the subset every
// dialect's regular expressions share (no \d, \b or lookaround), so the exclusions are spelled
// out as the ranges that remain.
QString socialSecurityNumberPattern()
{
    const QString area = QStringLiteral("(00[1-9]|0[1-9][0-9]|[1-578][0-9]{2}|6[0-57-9][0-9]|"
                                        "66[0-57-9])");
    const QString group = QStringLiteral("(0[1-9]|[1-9][0-9])");
    const QString serial = QStringLiteral("(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})");
    return QStringLiteral("(^|[^0-9])%1-%2-%3([^0-9]|$)").arg(area, group, serial);
}

} // namespace

std::unique_ptr<Rule> ContainsCreditCard()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kContainsCreditCard, T::tr("Contains Credit Card"),
               T::tr("Values contain a credit card number: 13 to 19 digits, which spaces or "
                     "dashes may group."),
               kTextTypes, {}, "Conformity"),
        [](RuleSql &s) { return s.regex(s.text(s.field()), card_sql::cardLikePattern()); },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("does not contain a credit card number"),
                        T::tr("do not contain a credit card number"));
        });
}

std::unique_ptr<Rule> IsCreditCard()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kIsCreditCard, T::tr("Is Credit Card"),
               T::tr("Values are credit card numbers: 13 to 19 digits, which spaces or dashes "
                     "may group, passing the Luhn checksum."),
               kTextTypes, {}, "Conformity"),
        [](RuleSql &s) { return card_sql::isCardNumber(s.dialect(), s.text(s.field())); },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("is not a valid credit card number"),
                        T::tr("are not valid credit card numbers"));
        });
}

std::unique_ptr<Rule> ContainsSocialSecurityNumber()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kContainsSocialSecurityNumber, T::tr("Contains Social Security Number"),
               T::tr("Values contain a US social security number, written AAA-GG-SSSS."),
               kTextTypes, {}, "Conformity"),
        [](RuleSql &s) { return s.regex(s.text(s.field()), socialSecurityNumberPattern()); },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("does not contain a social security number"),
                        T::tr("do not contain a social security number"));
        });
}

} // namespace assay::rules::make
