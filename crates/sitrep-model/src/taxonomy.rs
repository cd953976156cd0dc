//! The taxonomies: ACLED event and sub-event types, PLOVER types and modes, CAMEO roots,
//! and the precision codes of dates and places.
//!
//! Each enum serialises to the exact spelling of its codebook and parses only those spellings
//! (plus the PLOVER/ACLED names in any letter case through `FromStr`); anything else is
//! [`UnknownValue`], never a default.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A spelling that no codebook entry has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// Declares a closed vocabulary: the enum, its exact spellings, `as_str`, `ALL`, `FromStr`
/// (exact spelling, then case-insensitive) and `Display`.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident, $kind:literal { $($variant:ident => $text:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
        }
        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                let t = s.trim();
                Self::ALL
                    .iter()
                    .find(|v| v.as_str() == t)
                    .or_else(|| Self::ALL.iter().find(|v| v.as_str().eq_ignore_ascii_case(t)))
                    .copied()
                    .ok_or_else(|| UnknownValue { kind: $kind, value: s.to_string() })
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// ACLED's six event types.
    AcledEventType, "ACLED event type" {
    Battles => "Battles",
    ExplosionsRemoteViolence => "Explosions/Remote violence",
    ViolenceAgainstCivilians => "Violence against civilians",
    Protests => "Protests",
    Riots => "Riots",
    StrategicDevelopments => "Strategic developments",
});

vocabulary!(
    /// ACLED's 25 sub-event types, spelled as in the ACLED codebook.
    AcledSubEventType, "ACLED sub-event type" {
    ArmedClash => "Armed clash",
    GovernmentRegainsTerritory => "Government regains territory",
    NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
    ChemicalWeapon => "Chemical weapon",
    AirDroneStrike => "Air/drone strike",
    SuicideBomb => "Suicide bomb",
    ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
    RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
    Grenade => "Grenade",
    SexualViolence => "Sexual violence",
    Attack => "Attack",
    AbductionForcedDisappearance => "Abduction/forced disappearance",
    PeacefulProtest => "Peaceful protest",
    ProtestWithIntervention => "Protest with intervention",
    ExcessiveForceAgainstProtesters => "Excessive force against protesters",
    ViolentDemonstration => "Violent demonstration",
    MobViolence => "Mob violence",
    Agreement => "Agreement",
    Arrests => "Arrests",
    ChangeToGroupActivity => "Change to group/activity",
    DisruptedWeaponsUse => "Disrupted weapons use",
    HeadquartersOrBaseEstablished => "Headquarters or base established",
    LootingPropertyDestruction => "Looting/property destruction",
    NonViolentTransferOfTerritory => "Non-violent transfer of territory",
    Other => "Other",
});

impl AcledSubEventType {
    /// The event type a sub-event type belongs to (fixed by the ACLED codebook).
    pub fn event_type(self) -> AcledEventType {
        use AcledEventType as E;
        use AcledSubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => E::Battles,
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => E::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => E::ViolenceAgainstCivilians,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => E::Protests,
            ViolentDemonstration | MobViolence => E::Riots,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => E::StrategicDevelopments,
        }
    }

    /// The CAMEO root closest to the sub-event type, where one exists
    /// ("Other" has none: no fallback code).
    pub fn cameo_root(self) -> Option<CameoRoot> {
        use AcledSubEventType::*;
        use CameoRoot as C;
        Some(match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => C::Fight,
            AirDroneStrike | ShellingArtilleryMissileAttack => C::Fight,
            ChemicalWeapon => C::UnconventionalMassViolence,
            SuicideBomb | RemoteExplosiveLandmineIed | Grenade => C::Assault,
            SexualViolence | Attack | AbductionForcedDisappearance => C::Assault,
            PeacefulProtest | ProtestWithIntervention => C::Protest,
            ExcessiveForceAgainstProtesters => C::Coerce,
            ViolentDemonstration | MobViolence => C::Protest,
            Agreement => C::DiplomaticCooperation,
            Arrests | DisruptedWeaponsUse | LootingPropertyDestruction => C::Coerce,
            ChangeToGroupActivity | HeadquartersOrBaseEstablished => C::ExhibitForcePosture,
            NonViolentTransferOfTerritory => C::Yield,
            Other => return None,
        })
    }
}

vocabulary!(
    /// PLOVER's event types (the list of the contract).
    PloverType, "PLOVER type" {
    Agree => "AGREE",
    Consult => "CONSULT",
    Support => "SUPPORT",
    Concede => "CONCEDE",
    Cooperate => "COOPERATE",
    Aid => "AID",
    Retreat => "RETREAT",
    Investigate => "INVESTIGATE",
    Demand => "DEMAND",
    Disapprove => "DISAPPROVE",
    Reject => "REJECT",
    Threaten => "THREATEN",
    Protest => "PROTEST",
    Sanction => "SANCTION",
    Mobilize => "MOBILIZE",
    Coerce => "COERCE",
    Assault => "ASSAULT",
    Fight => "FIGHT",
    Crime => "CRIME",
});

impl PloverType {
    /// The CAMEO root that PLOVER's crosswalk maps most of this type's events from.
    pub fn cameo_root(self) -> Option<CameoRoot> {
        use CameoRoot as C;
        use PloverType::*;
        Some(match self {
            Agree => C::ExpressIntentToCooperate,
            Consult => C::Consult,
            Support => C::DiplomaticCooperation,
            Concede => C::Yield,
            Cooperate => C::MaterialCooperation,
            Aid => C::ProvideAid,
            Retreat => C::Yield,
            Investigate => C::Investigate,
            Demand => C::Demand,
            Disapprove => C::Disapprove,
            Reject => C::Reject,
            Threaten => C::Threaten,
            Protest => C::Protest,
            Sanction => C::ReduceRelations,
            Mobilize => C::ExhibitForcePosture,
            Coerce => C::Coerce,
            Assault => C::Assault,
            Fight => C::Fight,
            // CAMEO has no root for ordinary crime.
            Crime => return None,
        })
    }
}

vocabulary!(
    /// PLOVER modes (the subtypes that qualify a type), as spelled in the PLOVER gold standard.
    PloverMode, "PLOVER mode" {
    Visit => "visit",
    Host => "host",
    Phone => "phone",
    Multilateral => "multilateral",
    ThirdParty => "third-party",
    Mediate => "mediate",
    Violence => "violence",
    Restrict => "restrict",
    Relations => "relations",
    Curfew => "curfew",
    MartialLaw => "martial-law",
    Political => "political",
    Ban => "ban",
    StrikeHunger => "strike-hun",
    StrikeGeneral => "strike-gen",
    Obstruct => "obstruct",
    RiotSpontaneous => "riot-spon",
    Riot => "riot",
    DemoOrganised => "demo-org",
    DemoSpontaneous => "demo-spon",
    Troops => "troops",
    Weapons => "weapons",
    Police => "police",
    Destroy => "destroy",
    Confiscate => "confiscate",
    Censor => "censor",
    Detain => "detain",
    Arrest => "arrest",
    Deport => "deport",
    Firearms => "firearms",
    HeavyWeapons => "heavy-weapons",
    Aerial => "aerial",
    Explosives => "explosives",
    SuicideAttack => "suicide-attack",
    Assassinate => "assassinate",
    Abduct => "abduct",
    Torture => "torture",
    Sexual => "sexual",
    Beat => "beat",
    Primitive => "primitive",
    Wmd => "wmd",
    Other => "other",
});

vocabulary!(
    /// CAMEO's twenty two-digit root codes; serialised as the code ("18").
    CameoRoot, "CAMEO root" {
    MakePublicStatement => "01",
    Appeal => "02",
    ExpressIntentToCooperate => "03",
    Consult => "04",
    DiplomaticCooperation => "05",
    MaterialCooperation => "06",
    ProvideAid => "07",
    Yield => "08",
    Investigate => "09",
    Demand => "10",
    Disapprove => "11",
    Reject => "12",
    Threaten => "13",
    Protest => "14",
    ExhibitForcePosture => "15",
    ReduceRelations => "16",
    Coerce => "17",
    Assault => "18",
    Fight => "19",
    UnconventionalMassViolence => "20",
});

vocabulary!(
    /// How precisely a date is known.
    DatePrecision, "date precision" {
    Day => "day",
    Range => "range",
    Week => "week",
    Month => "month",
    Year => "year",
});

vocabulary!(
    /// How precisely a place is known.
    GeoPrecision, "geo precision" {
    Town => "town",
    District => "district",
    Province => "province",
    Country => "country",
});

impl GeoPrecision {
    /// ACLED's `geo_precision` code: 1 town, 2 district/near a town, 3 province or larger.
    pub fn acled_code(self) -> u8 {
        match self {
            GeoPrecision::Town => 1,
            GeoPrecision::District => 2,
            GeoPrecision::Province | GeoPrecision::Country => 3,
        }
    }
    /// UCDP's `where_prec` code: 1 exact place, 3 second-order admin, 4 first-order, 6 country.
    pub fn ucdp_code(self) -> u8 {
        match self {
            GeoPrecision::Town => 1,
            GeoPrecision::District => 3,
            GeoPrecision::Province => 4,
            GeoPrecision::Country => 6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_has_6_types_and_25_sub_types() {
        assert_eq!(AcledEventType::ALL.len(), 6);
        assert_eq!(AcledSubEventType::ALL.len(), 25);
        for t in AcledEventType::ALL {
            assert!(AcledSubEventType::ALL.iter().any(|s| s.event_type() == *t), "{t} has no sub-type");
        }
    }

    #[test]
    fn exact_spellings_round_trip() {
        for s in AcledSubEventType::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(serde_json::from_str::<AcledSubEventType>(&json).unwrap(), *s);
            assert_eq!(s.as_str().parse::<AcledSubEventType>().unwrap(), *s);
        }
        assert_eq!(
            serde_json::to_string(&AcledSubEventType::RemoteExplosiveLandmineIed).unwrap(),
            "\"Remote explosive/landmine/IED\""
        );
        assert_eq!(serde_json::to_string(&CameoRoot::Assault).unwrap(), "\"18\"");
    }

    #[test]
    fn unknown_values_are_errors() {
        assert!(serde_json::from_str::<AcledEventType>("\"Battle\"").is_err());
        assert!(serde_json::from_str::<PloverType>("\"KILL\"").is_err());
        let e = "Bombing".parse::<AcledSubEventType>().unwrap_err();
        assert_eq!(e.value, "Bombing");
        assert_eq!("assault".parse::<PloverType>().unwrap(), PloverType::Assault);
    }

    #[test]
    fn cameo_roots() {
        assert_eq!(PloverType::Assault.cameo_root(), Some(CameoRoot::Assault));
        assert_eq!(PloverType::Crime.cameo_root(), None);
        assert_eq!(AcledSubEventType::Other.cameo_root(), None);
        assert_eq!(PloverType::ALL.iter().filter(|t| t.cameo_root().is_some()).count(), 18);
    }
}
