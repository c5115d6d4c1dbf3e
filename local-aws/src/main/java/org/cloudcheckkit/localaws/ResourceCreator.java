package org.cloudcheckkit.localaws;

/** Makes one type of template resource in the emulator, replacing one of the same name left from an earlier run. */
interface ResourceCreator {

    /** @param properties the resource's properties, every intrinsic function already resolved */
    LocalResource create(String logicalId, PropertyMap properties);
}
