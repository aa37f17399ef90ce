// The whole access policy as a table: role × resource × action × clinic ×
// ownership. Each row states the expected answer for the five actions, so a
// change to the policy shows up here as a changed line.
#include "unknot/identity/access_policy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace unknot::identity {
namespace {

constexpr std::int64_t kOwnClinic = 10;
constexpr std::int64_t kOtherClinic = 20;
constexpr std::int64_t kOwnRecord = 100;    // the patient principal's own record
constexpr std::int64_t kOtherRecord = 101;  // another patient of the same clinic

constexpr std::array<Action, 6> kActions = {Action::kRead,   Action::kList,       Action::kCreate,
                                            Action::kUpdate, Action::kAdminister, Action::kAnswer};

enum class Record { kNone, kOwn, kOther };

struct Row {
  Role role;
  ResourceKind kind;
  Record record;
  // One letter per action in kActions order (R L C U A, Q for answering a
  // questionnaire); '-' = denied.
  const char* own_clinic;
};

// In another clinic everything is denied, whatever the role (checked below).
constexpr Row kTable[] = {
    {Role::kPatient, ResourceKind::kClinic, Record::kNone, "RL----"},
    {Role::kPatient, ResourceKind::kPatient, Record::kOwn, "R----Q"},
    {Role::kPatient, ResourceKind::kPatient, Record::kOther, "------"},
    {Role::kPatient, ResourceKind::kPatient, Record::kNone, "------"},
    {Role::kPatient, ResourceKind::kStaffRecord, Record::kOwn, "------"},
    {Role::kPatient, ResourceKind::kStaffRecord, Record::kOther, "------"},
    {Role::kPatient, ResourceKind::kStaffRecord, Record::kNone, "------"},
    {Role::kPatient, ResourceKind::kUsers, Record::kNone, "------"},
    {Role::kPatient, ResourceKind::kAuditTrail, Record::kNone, "------"},

    {Role::kClinician, ResourceKind::kClinic, Record::kNone, "RL----"},
    {Role::kClinician, ResourceKind::kPatient, Record::kOwn, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kPatient, Record::kOther, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kPatient, Record::kNone, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kStaffRecord, Record::kOwn, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kStaffRecord, Record::kOther, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kStaffRecord, Record::kNone, "RLCU-Q"},
    {Role::kClinician, ResourceKind::kUsers, Record::kNone, "------"},
    {Role::kClinician, ResourceKind::kAuditTrail, Record::kNone, "------"},

    {Role::kAdmin, ResourceKind::kClinic, Record::kNone, "RL-UA-"},
    {Role::kAdmin, ResourceKind::kPatient, Record::kOwn, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kPatient, Record::kOther, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kPatient, Record::kNone, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kStaffRecord, Record::kOwn, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kStaffRecord, Record::kOther, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kStaffRecord, Record::kNone, "RLCU-Q"},
    {Role::kAdmin, ResourceKind::kUsers, Record::kNone, "RLCUA-"},
    {Role::kAdmin, ResourceKind::kAuditTrail, Record::kNone, "RL----"},
};

Principal Someone(Role role) {
  Principal p;
  p.user_id = 7;
  p.user_uuid = "u";
  p.role = role;
  p.clinic_id = kOwnClinic;
  if (role == Role::kPatient) p.patient_id = kOwnRecord;
  return p;
}

Resource MakeResource(ResourceKind kind, std::int64_t clinic, Record record) {
  Resource resource{kind, clinic, std::nullopt};
  if (record == Record::kOwn) resource.patient_id = kOwnRecord;
  if (record == Record::kOther) resource.patient_id = kOtherRecord;
  return resource;
}

std::string Answers(const Principal& principal, const Resource& resource) {
  std::string out;
  constexpr char kLetters[] = "RLCUAQ";
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    out.push_back(IsAllowed(principal, kActions[i], resource) ? kLetters[i] : '-');
  }
  return out;
}

std::string Describe(const Row& row) {
  return std::string(RoleName(row.role)) + " kind=" + std::to_string(int(row.kind)) +
         " record=" + std::to_string(int(row.record));
}

TEST(AccessPolicy, OwnClinicMatchesTheTable) {
  for (const Row& row : kTable) {
    EXPECT_EQ(Answers(Someone(row.role), MakeResource(row.kind, kOwnClinic, row.record)),
              row.own_clinic)
        << Describe(row);
  }
}

TEST(AccessPolicy, AnotherClinicIsAlwaysDenied) {
  for (const Row& row : kTable) {
    EXPECT_EQ(Answers(Someone(row.role), MakeResource(row.kind, kOtherClinic, row.record)),
              "------")
        << Describe(row);
  }
}

TEST(AccessPolicy, TheTableCoversEveryRoleKindAndRecord) {
  int rows = 0;
  for (const Role role : {Role::kPatient, Role::kClinician, Role::kAdmin}) {
    for (const ResourceKind kind :
         {ResourceKind::kClinic, ResourceKind::kPatient, ResourceKind::kStaffRecord,
          ResourceKind::kUsers, ResourceKind::kAuditTrail}) {
      for (const Record record : {Record::kNone, Record::kOwn, Record::kOther}) {
        const bool per_patient =
            kind == ResourceKind::kPatient || kind == ResourceKind::kStaffRecord;
        if (!per_patient && record != Record::kNone) continue;
        bool found = false;
        for (const Row& row : kTable) {
          found |= row.role == role && row.kind == kind && row.record == record;
        }
        EXPECT_TRUE(found) << RoleName(role) << " " << int(kind) << " " << int(record);
        ++rows;
      }
    }
  }
  EXPECT_EQ(rows, static_cast<int>(std::size(kTable)));
}

TEST(AccessPolicy, APatientWithoutARecordReadsNoPatient) {
  Principal patient = Someone(Role::kPatient);
  patient.patient_id.reset();
  EXPECT_FALSE(IsAllowed(patient, Action::kRead,
                         MakeResource(ResourceKind::kPatient, kOwnClinic, Record::kOwn)));
  EXPECT_FALSE(IsAllowed(patient, Action::kRead,
                         MakeResource(ResourceKind::kPatient, kOwnClinic, Record::kNone)));
}

TEST(AccessPolicy, AnUnsetPrincipalIsDeniedEverything) {
  Principal nobody;  // user_id 0, clinic 0
  nobody.role = Role::kAdmin;
  EXPECT_EQ(Answers(nobody, MakeResource(ResourceKind::kUsers, 0, Record::kNone)), "------");
}

TEST(AccessPolicy, AuthorizeAnswersForbidden) {
  EXPECT_TRUE(Authorize(Someone(Role::kAdmin), Action::kUpdate,
                        MakeResource(ResourceKind::kClinic, kOwnClinic, Record::kNone)));
  auto denied = Authorize(Someone(Role::kClinician), Action::kUpdate,
                          MakeResource(ResourceKind::kClinic, kOwnClinic, Record::kNone));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kForbidden);
}

TEST(Roles, NamesRoundTrip) {
  for (const Role role : {Role::kAdmin, Role::kClinician, Role::kPatient}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_FALSE(ParseRole("Admin"));
  EXPECT_FALSE(ParseRole(""));
}

}  // namespace
}  // namespace unknot::identity
