package org.openll.common.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * LoadL_admin as typed stanzas: classes, users, groups and machines, each with its type's
 * {@code default} stanza applied. Immutable.
 *
 * <p>CONTRACT (filled in by the admin-model work): {@link #from} validates every keyword openll
 * honours and throws {@link org.openll.common.config.ConfigException} naming the file, the line
 * and the keyword for a bad value.
 */
public record AdminConfig(Map<String, ClassStanza> classes, Map<String, UserStanza> users,
    Map<String, GroupStanza> groups, Map<String, MachineStanza> machines, ClassStanza defaultClass,
    UserStanza defaultUser, GroupStanza defaultGroup) {
  /** Name of the class a step gets when neither it nor its owner's stanza names one. */
  public static final String NO_CLASS = "No_Class";
  /** Name of the group a step gets when neither it nor its owner's stanza names one. */
  public static final String NO_GROUP = "No_Group";

  public AdminConfig {
    classes = Map.copyOf(classes);
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
    machines = Map.copyOf(machines);
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

  public Optional<MachineStanza> machine(String name) {
    return Optional.ofNullable(machines.get(name));
  }
}
