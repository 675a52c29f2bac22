package org.openll.common.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * LoadL_admin as typed stanzas: classes, users, groups and machines, each with its type's
 * {@code default} stanza applied. The maps hold the stanzas the file names (never the
 * {@code default} ones, which are the {@code default*} components). Immutable.
 *
 * <p>{@link #from} validates every keyword openll honours and throws
 * {@link org.openll.common.config.ConfigException} naming the file, the line, the stanza and the
 * keyword for a bad value ({@code "LoadL_admin:12: class short: maxjobs = x: not a number"}).
 */
public record AdminConfig(Map<String, ClassStanza> classes, Map<String, UserStanza> users,
    Map<String, GroupStanza> groups, Map<String, MachineStanza> machines, ClassStanza defaultClass,
    UserStanza defaultUser, GroupStanza defaultGroup, Optional<MachineStanza> defaultMachine) {
  /** Name of the class a step gets when neither it nor its owner's stanza names one. */
  public static final String NO_CLASS = "No_Class";
  /** Name of the group a step gets when neither it nor its owner's stanza names one. */
  public static final String NO_GROUP = "No_Group";
  /** The label of the stanza that gives its type's defaults. */
  public static final String DEFAULT = "default";

  public AdminConfig {
    classes = Map.copyOf(classes);
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
    machines = Map.copyOf(machines);
    defaultMachine = Objects.requireNonNull(defaultMachine, "defaultMachine");
  }

  /** A configuration without a default machine stanza. */
  public AdminConfig(Map<String, ClassStanza> classes, Map<String, UserStanza> users, Map<String, GroupStanza> groups,
      Map<String, MachineStanza> machines, ClassStanza defaultClass, UserStanza defaultUser,
      GroupStanza defaultGroup) {
    this(classes, users, groups, machines, defaultClass, defaultUser, defaultGroup, Optional.empty());
  }

  public static AdminConfig empty() {
    return from(AdminFile.empty());
  }

  public static AdminConfig load(Path file) throws IOException {
    return from(AdminFile.load(file));
  }

  public static AdminConfig from(AdminFile file) {
    return AdminConfigReader.read(file);
  }

  /**
   * The stanzas that differ from {@code previous}, one line each ({@code "class short"},
   * {@code "user alice"}, {@code "group ml"}, {@code "machine node1"}, {@code "class default"}
   * for the default stanzas), added and removed ones included, sorted within each type; empty
   * when the files mean the same.
   */
  public List<String> changesFrom(AdminConfig previous) {
    List<String> changed = new ArrayList<>();
    changes(changed, "class", classes, previous.classes, defaultClass, previous.defaultClass);
    changes(changed, "user", users, previous.users, defaultUser, previous.defaultUser);
    changes(changed, "group", groups, previous.groups, defaultGroup, previous.defaultGroup);
    changes(changed, "machine", machines, previous.machines, defaultMachine, previous.defaultMachine);
    return changed;
  }

  private static <T> void changes(List<String> changed, String type, Map<String, T> now, Map<String, T> before,
      Object nowDefault, Object beforeDefault) {
    if (!nowDefault.equals(beforeDefault)) {
      changed.add(type + " " + DEFAULT);
    }
    Set<String> names = new TreeSet<>(now.keySet());
    names.addAll(before.keySet());
    for (String name : names) {
      if (!Objects.equals(now.get(name), before.get(name))) {
        changed.add(type + " " + name);
      }
    }
  }

  /**
   * Whether steps may ask for {@code name}: it has a stanza, or it is {@link #NO_CLASS}, or the
   * file defines no class at all (then every class is open, as before LoadL_admin existed).
   */
  public boolean classDefined(String name) {
    return classes.isEmpty() || classes.containsKey(name) || NO_CLASS.equals(name);
  }

  /** The class's stanza, or the default class stanza under that name when it has none. */
  public ClassStanza classNamed(String name) {
    ClassStanza own = classes.get(name);
    return own != null ? own : defaultClass.named(name);
  }

  /** The user's stanza, or the default user stanza under that name. */
  public UserStanza user(String name) {
    UserStanza own = users.get(name);
    return own != null ? own : defaultUser.named(name);
  }

  /** The group's stanza, or the default group stanza under that name. */
  public GroupStanza group(String name) {
    GroupStanza own = groups.get(name);
    return own != null ? own : defaultGroup.named(name);
  }

  /**
   * The machine's stanza; a machine without one gets the default machine stanza under its name,
   * when the file has one.
   */
  public Optional<MachineStanza> machine(String name) {
    MachineStanza own = machines.get(name);
    return own != null ? Optional.of(own) : defaultMachine.map(d -> d.named(name));
  }
}
