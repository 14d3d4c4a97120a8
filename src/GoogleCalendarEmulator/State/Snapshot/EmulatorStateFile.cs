using System.Text.Json;
using GoogleCalendarEmulator.Json;

namespace GoogleCalendarEmulator.State.Snapshot;

/// <summary>Keeps an emulator's state in one JSON file so a development run survives restarts: <see cref="Load"/> at
/// start, <see cref="SaveIfChanged"/> after changes and at shutdown. Writes go to a temporary file renamed over the
/// old one, so a crash mid-write leaves the previous snapshot intact.</summary>
public sealed class EmulatorStateFile(EmulatorState state, string path)
{
    private readonly Lock _gate = new();
    private byte[] _lastWritten = [];

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Loads the file into the state when it exists; false when there is none yet. A file that is not a
    /// snapshot of this version throws <see cref="InvalidDataException"/> naming the file.</summary>
    public bool Load()
    {
        if (!File.Exists(Path)) return false;
        var bytes = File.ReadAllBytes(Path);
        EmulatorSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<EmulatorSnapshot>(bytes, GoogleJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The emulator state file {Path} is not valid JSON ({e.Message}); move it away to start empty.", e);
        }

        if (snapshot is null || snapshot.Version != EmulatorSnapshot.CurrentVersion)
            throw new InvalidDataException($"The emulator state file {Path} is not a version {EmulatorSnapshot.CurrentVersion} snapshot; move it away to start empty.");
        EmulatorSnapshotMapper.Restore(state, snapshot);
        lock (_gate)
        {
            _lastWritten = bytes;
        }

        return true;
    }

    /// <summary>Writes the current state when it differs from what was last loaded or written; true when it wrote.</summary>
    public bool SaveIfChanged()
    {
        lock (_gate)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(EmulatorSnapshotMapper.Capture(state), GoogleJson.Options);
            if (bytes.AsSpan().SequenceEqual(_lastWritten)) return false;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, Path, overwrite: true);
            _lastWritten = bytes;
            return true;
        }
    }
}
