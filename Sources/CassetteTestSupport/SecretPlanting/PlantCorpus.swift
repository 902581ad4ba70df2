import Foundation

/// The fail-closed acceptance corpus: one HAR document per case, one fresh secret (or a few of one
/// kind) per document, in the places and encodings real recordings have.
///
/// Every case also exists in clean form (secrets replaced by `REDACTED_<n>`), which must be neither
/// refused nor flagged, so a rule cannot pass the corpus by refusing or flagging everything.
public enum PlantCorpus {
    /// All cases, in class order.
    public static let all: [PlantCase] = baseline + tolerantJSON + textFormats + encodings + tokenFormats + names + echoed + harMembers
}
