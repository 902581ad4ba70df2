import CassetteFormat
import Foundation

/// The provider profiles known to one command: the built-in ones (each
/// `Resources/providers/<name>.profile.json`) plus any user profiles added with ``adding(_:)``.
/// A value, not a registry: nothing global is mutated.
public struct ProviderCatalog: Sendable {
    /// The profiles, by name.
    public private(set) var profiles: [String: ProviderProfile]

    /// A catalog holding exactly these profiles.
    public init(profiles: [ProviderProfile] = []) {
        var byName: [String: ProviderProfile] = [:]
        for profile in profiles { byName[profile.name] = profile }
        self.profiles = byName
    }

    /// The built-in profiles: one per `<name>.profile.json` in the provider folder.
    public static func builtIn() throws(ProviderProfileError) -> ProviderCatalog {
        var profiles: [ProviderProfile] = []
        for name in ProviderSchemas.builtInProviders {
            let file = "\(name).profile.json"
            let json: JSONValue
            do {
                json = try ProviderResources.json(named: file)
            } catch {
                throw ProviderProfileError(source: "built-in \(file)", detail: error.description)
            }
            profiles.append(try ProviderProfile(json: json, source: "built-in \(file)"))
        }
        return ProviderCatalog(profiles: profiles)
    }

    /// This catalog with `profile` added; a user profile with a built-in name replaces it.
    public func adding(_ profile: ProviderProfile) -> ProviderCatalog {
        var copy = self
        copy.profiles[profile.name] = profile
        return copy
    }

    /// The profile named `name`, or `nil`.
    public func profile(named name: String) -> ProviderProfile? {
        profiles[name]
    }

    /// Profile names, sorted.
    public var names: [String] { profiles.keys.sorted() }
}
